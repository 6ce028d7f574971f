package dev.vtstatus.server.internal.push;

import dev.vtstatus.server.internal.jobs.Scheduler;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.List;

/**
 * A status read held until one of its jobs ends or its wait runs out, whichever is first; then
 * {@code answer} runs once on the request's event loop. A single-job long poll holds one job; a
 * batch long poll ({@code GET /v1/jobs?ids=...&wait=S}) holds each of its jobs and is answered at
 * the first end among them. No thread waits: a timer and the jobs' terminal events are the only
 * things that finish it. Confined to its event loop, except {@link #wake()}.
 */
public final class LongPoll implements Waiters.Waiter {
  private final Scheduler scheduler;
  private final Context context;
  private final List<String> jobIds;
  private final Waiters waiters;
  private final ParkedRequests group;
  private final ServerMetrics metrics;
  private final Runnable answer;
  private long timerId = -1;
  private boolean done;

  /**
   * Creates the poll of the jobs {@code jobIds} on {@code context}; {@code answer} sends their
   * current state.
   */
  public LongPoll(
      Scheduler scheduler,
      Context context,
      List<String> jobIds,
      Waiters waiters,
      ParkedRequests group,
      ServerMetrics metrics,
      Runnable answer) {
    this.scheduler = scheduler;
    this.context = context;
    this.jobIds = List.copyOf(jobIds);
    this.waiters = waiters;
    this.group = group;
    this.metrics = metrics;
    this.answer = answer;
  }

  /**
   * Parks the request for at most {@code wait}; the caller then checks that no job had ended
   * meanwhile.
   */
  public void park(Duration wait) {
    jobIds.forEach(id -> waiters.park(id, this));
    group.add(this);
    metrics.longPollParked();
    timerId = scheduler.schedule(wait, this::finish);
  }

  @Override
  public void wake() {
    context.runOnContext(v -> finish());
  }

  /** Answers with the job's current state, once. */
  public void finish() {
    if (release()) {
      answer.run();
    }
  }

  /** Forgets the request after its client went away. */
  public void closed() {
    release();
  }

  private boolean release() {
    if (done) {
      return false;
    }
    done = true;
    scheduler.cancel(timerId);
    jobIds.forEach(id -> waiters.unpark(id, this));
    group.remove(this);
    metrics.longPollReleased();
    return true;
  }
}
