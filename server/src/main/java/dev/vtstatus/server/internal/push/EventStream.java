package dev.vtstatus.server.internal.push;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One open Server-Sent Events answer, fed by its event loop's {@link ParkedRequests}. Confined to
 * that event loop.
 *
 * <p>A client that cannot keep up with live events (its write queue is full) is disconnected
 * rather than buffered without bound; it reconnects with {@code Last-Event-ID} and replays what it
 * missed. The replay itself is bounded by the event buffer and is never cut.
 */
public final class EventStream {
  private static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");
  /** The unsent bytes a live stream may queue before its client counts as too slow (Netty's default). */
  private static final int LIVE_WRITE_QUEUE = 64 * 1024;

  private final HttpServerResponse response;
  private final Set<String> jobIds;
  private final String onlyJob;
  private final Runnable onEnd;
  private long lastSent;
  private boolean ended;
  private List<EventFeed.Event> held;

  /**
   * Creates a stream.
   *
   * @param jobIds the jobs to pass on, or null for every job
   * @param onlyJob the single job of a per-job stream (which ends after its terminal event), or null
   * @param onEnd run once when the stream ends, for bookkeeping
   */
  public EventStream(HttpServerResponse response, Set<String> jobIds, String onlyJob, Runnable onEnd) {
    this.response = response;
    this.jobIds = jobIds;
    this.onlyJob = onlyJob;
    this.onEnd = onEnd;
  }

  /** Writes an event unless it was sent before or is filtered out; may end a per-job stream. */
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
    write(event.frame());
    if (onlyJob != null && event.terminal()) {
      end();
    }
  }

  /**
   * Writes the events a reconnecting client missed as one buffer. The replay is exempt from the
   * slow-client cut: its size is bounded by the event buffer, and the write queue is widened by it
   * so that live events that follow get the usual allowance on top of the replay.
   */
  void replay(List<EventFeed.Event> events) {
    if (ended) {
      return;
    }
    Buffer out = Buffer.buffer();
    for (EventFeed.Event event : events) {
      if (event.id() > lastSent) {
        lastSent = event.id();
        if (wanted(event)) {
          out.appendBuffer(event.frame());
        }
      }
    }
    if (out.length() == 0) {
      return;
    }
    long budget = (long) out.length() + LIVE_WRITE_QUEUE;
    response.setWriteQueueMaxSize((int) Math.min(Integer.MAX_VALUE, budget));
    response.write(out);
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
    return onlyJob != null ? onlyJob.equals(event.jobId()) : jobIds == null || jobIds.contains(event.jobId());
  }

  /** Writes raw SSE text, disconnecting a client that does not read; for live events. */
  public void write(Buffer frame) {
    if (ended) {
      return;
    }
    if (response.writeQueueFull()) {
      ended = true;
      onEnd.run();
      response.reset();
      return;
    }
    response.write(frame);
  }

  /** Sends a comment so that idle connections stay open through proxies. */
  void heartbeat() {
    write(HEARTBEAT);
  }

  /** Records the id of the latest event the stream has seen (replayed or skipped). */
  void lastSent(long id) {
    lastSent = Math.max(lastSent, id);
  }

  /** Ends the answer; idempotent. */
  public void end() {
    if (!ended) {
      ended = true;
      onEnd.run();
      response.end();
    }
  }

  /** Marks the stream ended after its client went away. */
  public void closed() {
    if (!ended) {
      ended = true;
      onEnd.run();
    }
  }

  boolean isEnded() {
    return ended;
  }
}
