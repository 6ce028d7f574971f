package dev.vtstatus.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Set;

/**
 * One open Server-Sent Events answer, fed by its event loop's {@link ParkedRequests}. Confined to
 * that event loop.
 *
 * <p>A client that cannot keep up (its write queue is full) is disconnected rather than buffered
 * without bound; it reconnects with {@code Last-Event-ID} and replays what it missed.
 */
final class EventStream {
  private static final Buffer HEARTBEAT = Buffer.buffer(": heartbeat\n\n");

  private final HttpServerResponse response;
  private final Set<String> jobIds;
  private final String onlyJob;
  private final Runnable onEnd;
  private long lastSent;
  private boolean ended;

  /**
   * Creates a stream.
   *
   * @param jobIds the jobs to pass on, or null for every job
   * @param onlyJob the single job of a per-job stream (which ends after its terminal event), or null
   * @param onEnd run once when the stream ends, for bookkeeping
   */
  EventStream(HttpServerResponse response, Set<String> jobIds, String onlyJob, Runnable onEnd) {
    this.response = response;
    this.jobIds = jobIds;
    this.onlyJob = onlyJob;
    this.onEnd = onEnd;
  }

  /** Writes an event unless it was sent before or is filtered out; may end a per-job stream. */
  void offer(EventHub.Event event) {
    if (ended || event.id() <= lastSent) {
      return;
    }
    lastSent = event.id();
    if (onlyJob != null ? !onlyJob.equals(event.jobId()) : jobIds != null && !jobIds.contains(event.jobId())) {
      return;
    }
    write(event.frame());
    if (onlyJob != null && event.terminal()) {
      end();
    }
  }

  /** Writes raw SSE text, disconnecting a client that does not read. */
  void write(Buffer frame) {
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
  void end() {
    if (!ended) {
      ended = true;
      onEnd.run();
      response.end();
    }
  }

  /** Marks the stream ended after its client went away. */
  void closed() {
    if (!ended) {
      ended = true;
      onEnd.run();
    }
  }

  boolean isEnded() {
    return ended;
  }
}
