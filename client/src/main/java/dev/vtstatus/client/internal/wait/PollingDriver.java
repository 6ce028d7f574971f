package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.ClientClosedException;
import dev.vtstatus.client.internal.strategy.PollPlanner;
import dev.vtstatus.client.internal.strategy.ScheduleStrategy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Polls one job on a strategy's schedule until its wait ends. The next poll is planned only after
 * the previous answer, so one job never has two polls in flight; a poll that could not start
 * before the deadline is not scheduled (the deadline timer ends the wait). When the strategy learns
 * something that changes the plan ({@link ScheduleStrategy#onReplan}), a poll that is scheduled but
 * not yet sent is planned again. Once the wait moves to another channel ({@link
 * JobWait#moveChannel()}) the driver stops. With a {@link BatchReader}, each poll joins the batch read of the
 * polls due within the reader's window instead of going alone, and joins it a window before it is
 * due, so merging sends no poll later than planned. Not shared between waits;
 * thread-safe.
 */
public final class PollingDriver {
  private final ClientContext context;
  private final JobWait wait;
  private final ServerProfile profile;
  private final ScheduleStrategy strategy;
  private final PollPlanner planner;
  private final BatchReader merger;
  private final int channel;
  private int polls;
  private long generation;
  private boolean polling;
  private ScheduledFuture<?> next;

  /**
   * Creates the driver; {@link #start()} plans the first poll.
   *
   * @param merger merges polls into batch reads, or null to send each poll alone
   */
  public PollingDriver(
      ClientContext context, JobWait wait, ServerProfile profile, ScheduleStrategy strategy, BatchReader merger) {
    this.context = context;
    this.wait = wait;
    this.profile = profile;
    this.strategy = strategy;
    this.planner = strategy.newPlanner();
    this.merger = merger;
    this.channel = wait.channel();
  }

  /** Plans the first poll, and re-plans whenever the strategy asks, until the wait ends. */
  public void start() {
    Runnable unsubscribe = strategy.onReplan(this::replanSoon);
    wait.future().whenComplete((job, error) -> {
      unsubscribe.run();
      planner.close();
    });
    planNext();
  }

  /** Hands the re-plan to the scheduler: the strategy may call while holding another wait's lock. */
  private void replanSoon() {
    try {
      context.scheduler().execute(this::replan);
    } catch (RejectedExecutionException e) {
      // the client is closing; its waits end with it
    }
  }

  private void replan() {
    synchronized (this) {
      if (polling || next == null || wait.isDone() || wait.channel() != channel || !planner.replannable()) {
        return;
      }
      generation++;
      next.cancel(false);
      next = null;
    }
    planNext();
  }

  private void planNext() {
    if (wait.isDone() || wait.channel() != channel) {
      return;
    }
    Duration delay;
    long planned;
    synchronized (this) {
      delay = planner.nextDelay(wait.pollInput(polls));
      planned = generation;
    }
    if (!context.clock().instant().plus(delay).isBefore(wait.deadline())) {
      return;
    }
    if (merger != null) {
      // a merged read goes a window after the first poll that joins it: joining a window early
      // sends it when the poll was due, not up to a window late
      delay = delay.minus(merger.window());
    }
    if (delay.isZero() || delay.isNegative()) {
      poll(planned);
      return;
    }
    try {
      ScheduledFuture<?> timer =
          context.scheduler().schedule(() -> poll(planned), delay.toNanos(), TimeUnit.NANOSECONDS);
      synchronized (this) {
        if (planned == generation && !polling) {
          next = timer;
        }
      }
    } catch (RejectedExecutionException e) {
      wait.fail(new ClientClosedException());
    }
  }

  private void poll(long planned) {
    synchronized (this) {
      if (planned != generation || polling || wait.isDone() || wait.channel() != channel) {
        return;
      }
      polling = true;
      next = null;
      polls++;
    }
    CompletableFuture<Boolean> answered = merger != null ? merger.read(wait) : context.readInto(wait, profile);
    answered.thenAccept(observed -> {
      synchronized (this) {
        polling = false;
      }
      if (observed) {
        planNext();
      }
    });
  }
}
