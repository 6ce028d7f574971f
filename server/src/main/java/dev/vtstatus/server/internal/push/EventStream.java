package dev.vtstatus.server.internal.push;

import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.server.internal.store.EventLog;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One open Server-Sent Events answer, fed by its event loop's {@link ParkedRequests}. Confined to
 * that event loop.
 *
 * <p>Every byte goes out under one per-stream limit ({@link #WRITE_QUEUE} unsent bytes). A replay
 * is read from the event log a page ({@link #REPLAY_PAGE} events) at a time, as the client reads,
 * so a slow client holds no events, only the id of the last one sent; live events that arrive
 * meanwhile are read with the pages, then the stream carries live events. A client that does not
 * keep up is disconnected rather than buffered without bound: a live event or heartbeat that
 * finds its queue full cuts it, as does a heartbeat that finds a replay stalled since the previous
 * one, or a replay that falls behind what the log keeps. It reconnects with {@code Last-Event-ID}.
 */
public final class EventStream {
  private static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");
  /** The unsent bytes a stream may queue before its client counts as too slow (Netty's default). */
  public static final int WRITE_QUEUE = 64 * 1024;
  /** The events read from the log at a time during a replay. */
  static final int REPLAY_PAGE = 64;

  private final HttpServerResponse response;
  private final Set<String> jobIds;
  private final String onlyJob;
  private final String tenant;
  private final Runnable onEnd;
  private long lastSent;
  private boolean ended;
  private boolean progressed;
  private List<EventFeed.Event> held;
  /** The log a replay is read from; null once the stream carries live events. */
  private EventLog replaying;
  private Context loop;
  private boolean fetching;
  private long liveSeen;

  /**
   * Creates a stream.
   *
   * @param jobIds the jobs to pass on, or null for every job
   * @param onlyJob the single job of a per-job stream (which ends after its terminal event), or null
   * @param tenant the only owner whose jobs the stream carries (with the ownerless default job), or
   *     null for every owner
   * @param onEnd run once when the stream ends, for bookkeeping
   */
  public EventStream(
      HttpServerResponse response, Set<String> jobIds, String onlyJob, String tenant, Runnable onEnd) {
    this.response = response;
    this.jobIds = jobIds;
    this.onlyJob = onlyJob;
    this.tenant = tenant;
    this.onEnd = onEnd;
    response.setWriteQueueMaxSize(WRITE_QUEUE);
    response.drainHandler(v -> {
      if (replaying != null && !fetching) {
        fetchPage();
      }
    });
  }

  /** Writes a live event unless it was sent before or is filtered out; may end a per-job stream. */
  void offer(EventFeed.Event event) {
    if (held != null) {
      held.add(event);
      return;
    }
    if (replaying != null) {
      // in the log too: a later page carries it
      liveSeen = Math.max(liveSeen, event.id());
      return;
    }
    if (ended || event.id() <= lastSent) {
      return;
    }
    lastSent = event.id();
    if (!wanted(event.jobId(), event.owner())) {
      return;
    }
    write(event.frame());
    if (onlyJob != null && event.terminal()) {
      end();
    }
  }

  /** Starts a replay with its first page, read from {@code log}; later pages are read on {@code loop}. */
  void replay(EventLog log, Context loop, EventLog.Replay first) {
    this.replaying = log;
    this.loop = loop;
    if (held != null) {
      for (EventFeed.Event event : held) {
        liveSeen = Math.max(liveSeen, event.id());
      }
      held = null;
    }
    writePage(first);
  }

  private void writePage(EventLog.Replay page) {
    for (EventLog.Event event : page.events()) {
      if (ended) {
        return;
      }
      if (event.id() <= lastSent) {
        continue;
      }
      if (response.writeQueueFull()) {
        // the rest is read again once the client has read: nothing is held meanwhile
        return;
      }
      lastSent = event.id();
      if (wanted(event.jobId(), event.owner())) {
        response.write(EventFeed.frame(event.id(), Protocol.EVENT_JOB, event.data()));
        progressed = true;
      }
    }
    boolean whole = page.events().size() < REPLAY_PAGE;
    if (whole && liveSeen <= page.lastId()) {
      lastSent = Math.max(lastSent, page.lastId());
      replaying = null;
    } else {
      fetchPage();
    }
  }

  private void fetchPage() {
    fetching = true;
    OnLoop.whenDone(loop, replaying.after(lastSent, REPLAY_PAGE), result -> {
      fetching = false;
      if (ended) {
        return;
      }
      if (result.failed() || result.result().tooOld()) {
        // fell behind what the log keeps: the client reconnects and is told to re-read
        cut();
        return;
      }
      writePage(result.result());
    });
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

  private boolean wanted(String jobId, String owner) {
    if (tenant != null && owner != null && !tenant.equals(owner)) {
      return false;
    }
    return onlyJob != null ? onlyJob.equals(jobId) : jobIds == null || jobIds.contains(jobId);
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
   * Sends a comment so that idle connections stay open through proxies; during a replay, cuts a
   * client that read nothing since the previous heartbeat instead.
   */
  void heartbeat() {
    if (replaying != null) {
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
    replaying = null;
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
      replaying = null;
      onEnd.run();
      response.end();
    }
  }

  /** Marks the stream ended after its client went away. */
  public void closed() {
    if (!ended) {
      ended = true;
      replaying = null;
      onEnd.run();
    }
  }

  boolean isEnded() {
    return ended;
  }
}
