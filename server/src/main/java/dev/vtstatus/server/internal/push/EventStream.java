package dev.vtstatus.server.internal.push;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One open Server-Sent Events answer, fed by its event loop's {@link ParkedRequests}. Confined to
 * that event loop.
 *
 * <p>Every byte goes out under one per-stream limit ({@link #WRITE_QUEUE} unsent bytes). A replay
 * is queued as references to the log's events and framed and written as the client reads, with
 * back-pressure; live events that arrive meanwhile queue behind it. A client whose unsent bytes
 * stay over the limit is disconnected rather than buffered without bound: a live event or
 * heartbeat that finds its queue full cuts it, and so does a heartbeat that finds a queued replay
 * stalled since the previous one, or a queue of more events than the log keeps. It reconnects with
 * {@code Last-Event-ID} and replays what it missed.
 */
public final class EventStream {
  private static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");
  /** The unsent bytes a stream may queue before its client counts as too slow (Netty's default). */
  public static final int WRITE_QUEUE = 64 * 1024;

  private final HttpServerResponse response;
  private final Set<String> jobIds;
  private final String onlyJob;
  private final String tenant;
  private final int maxQueued;
  private final Runnable onEnd;
  private final ArrayDeque<EventFeed.Event> queued = new ArrayDeque<>();
  private long lastSent;
  private boolean ended;
  private boolean progressed;
  private List<EventFeed.Event> held;

  /**
   * Creates a stream.
   *
   * @param jobIds the jobs to pass on, or null for every job
   * @param onlyJob the single job of a per-job stream (which ends after its terminal event), or null
   * @param tenant the only owner whose jobs the stream carries (with the ownerless default job), or
   *     null for every owner
   * @param maxQueued the most events queued behind a replay before the client counts as too slow
   * @param onEnd run once when the stream ends, for bookkeeping
   */
  public EventStream(
      HttpServerResponse response, Set<String> jobIds, String onlyJob, String tenant, int maxQueued,
      Runnable onEnd) {
    this.response = response;
    this.tenant = tenant;
    this.jobIds = jobIds;
    this.onlyJob = onlyJob;
    this.maxQueued = maxQueued;
    this.onEnd = onEnd;
    response.setWriteQueueMaxSize(WRITE_QUEUE);
    response.drainHandler(v -> pump());
  }

  /** Writes or queues an event unless it was sent before or is filtered out; may end a per-job stream. */
  void offer(EventFeed.Event event) {
    if (held != null) {
      held.add(event);
      return;
    }
    if (ended || event.id() <= lastSent) {
      return;
    }
    lastSent = event.id();
    if (!wanted(event)) {
      return;
    }
    if (!queued.isEmpty()) {
      if (queued.size() >= maxQueued) {
        cut();
      } else {
        queued.add(event);
      }
      return;
    }
    write(event.framed());
    if (onlyJob != null && event.terminal()) {
      end();
    }
  }

  /** Queues the events a reconnecting client missed; they are written as it reads. */
  void replay(List<EventFeed.Event> events) {
    if (ended) {
      return;
    }
    for (EventFeed.Event event : events) {
      if (event.id() > lastSent) {
        lastSent = event.id();
        if (wanted(event)) {
          queued.add(event);
        }
      }
    }
    pump();
  }

  /** Writes queued events while the client keeps up. */
  private void pump() {
    while (!ended && !queued.isEmpty() && !response.writeQueueFull()) {
      EventFeed.Event event = queued.poll();
      response.write(event.framed());
      progressed = true;
      if (onlyJob != null && event.terminal()) {
        end();
      }
    }
  }

  /** Holds live events back until {@link #release()}, while the stream's start is read. */
  void hold() {
    held = new ArrayList<>();
  }

  /** Passes on the live events held since {@link #hold()}, skipping what was sent meanwhile. */
  void release() {
    List<EventFeed.Event> events = held;
    held = null;
    if (events != null) {
      for (EventFeed.Event event : events) {
        offer(event);
      }
    }
  }

  private boolean wanted(EventFeed.Event event) {
    if (tenant != null && event.owner() != null && !tenant.equals(event.owner())) {
      return false;
    }
    return onlyJob != null ? onlyJob.equals(event.jobId()) : jobIds == null || jobIds.contains(event.jobId());
  }

  /** Writes raw SSE text, disconnecting a client whose queue is full. */
  public void write(Buffer frame) {
    if (ended) {
      return;
    }
    if (response.writeQueueFull()) {
      cut();
      return;
    }
    response.write(frame);
  }

  /**
   * Sends a comment so that idle connections stay open through proxies; while a replay is queued,
   * cuts a client that read nothing since the previous heartbeat instead.
   */
  void heartbeat() {
    if (!queued.isEmpty()) {
      if (!progressed && response.writeQueueFull()) {
        cut();
      }
      progressed = false;
      return;
    }
    write(HEARTBEAT);
  }

  private void cut() {
    ended = true;
    queued.clear();
    onEnd.run();
    response.reset();
  }

  /** Records the id of the latest event the stream has seen (replayed or skipped). */
  void lastSent(long id) {
    lastSent = Math.max(lastSent, id);
  }

  /** Ends the answer; idempotent. */
  public void end() {
    if (!ended) {
      ended = true;
      queued.clear();
      onEnd.run();
      response.end();
    }
  }

  /** Marks the stream ended after its client went away. */
  public void closed() {
    if (!ended) {
      ended = true;
      queued.clear();
      onEnd.run();
    }
  }

  boolean isEnded() {
    return ended;
  }
}
