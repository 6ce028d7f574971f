package dev.vtstatus.server;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * A status read held until its job ends or its wait runs out, whichever is first; then {@code
 * answer} runs once on the request's event loop. No thread waits: a timer and the job's terminal
 * transition are the only things that finish it. Confined to its event loop, except {@link #wake()}.
 */
final class LongPoll implements SimulatedJob.Waiter {
  private final Vertx vertx;
  private final Context context;
  private final SimulatedJob job;
  private final ParkedRequests group;
  private final ServerMetrics metrics;
  private final Runnable answer;
  private long timerId = -1;
  private boolean done;

  LongPoll(
      Vertx vertx,
      Context context,
      SimulatedJob job,
      ParkedRequests group,
      ServerMetrics metrics,
      Runnable answer) {
    this.vertx = vertx;
    this.context = context;
    this.job = job;
    this.group = group;
    this.metrics = metrics;
    this.answer = answer;
  }

  /** Parks the request for at most {@code wait}; false when the job already ended. */
  boolean park(Duration wait) {
    if (!job.park(this)) {
      return false;
    }
    group.add(this);
    metrics.parkedLongPolls().incrementAndGet();
    timerId = vertx.setTimer(Math.max(1, wait.toMillis()), id -> finish());
    return true;
  }

  @Override
  public void wake() {
    context.runOnContext(v -> finish());
  }

  /** Answers with the job's current state, once. */
  void finish() {
    if (release()) {
      answer.run();
    }
  }

  /** Forgets the request after its client went away. */
  void closed() {
    release();
  }

  private boolean release() {
    if (done) {
      return false;
    }
    done = true;
    vertx.cancelTimer(timerId);
    job.unpark(this);
    group.remove(this);
    metrics.parkedLongPolls().decrementAndGet();
    return true;
  }
}
