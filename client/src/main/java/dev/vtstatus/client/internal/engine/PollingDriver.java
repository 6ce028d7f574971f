package dev.vtstatus.client.internal.engine;

import dev.vtstatus.client.ClientClosedException;
import dev.vtstatus.client.internal.strategy.PollPlanner;
import dev.vtstatus.client.internal.strategy.ScheduleStrategy;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Polls one job on a strategy's schedule until its wait ends. The next poll is planned only after
 * the previous answer, so one job never has two polls in flight; a poll that could not start
 * before the deadline is not scheduled (the deadline timer ends the wait). Not shared between
 * waits; its steps run one after another.
 */
public final class PollingDriver {
  private final Engine engine;
  private final JobWait wait;
  private final ServerProfile profile;
  private final PollPlanner planner;
  private int polls;

  /** Creates the driver; {@link #start()} plans the first poll. */
  public PollingDriver(Engine engine, JobWait wait, ServerProfile profile, ScheduleStrategy strategy) {
    this.engine = engine;
    this.wait = wait;
    this.profile = profile;
    this.planner = strategy.newPlanner();
  }

  /** Plans the first poll. */
  public void start() {
    planNext();
  }

  private void planNext() {
    if (wait.isDone()) {
      return;
    }
    Duration delay = planner.nextDelay(wait.pollInput(polls));
    if (!engine.clock().instant().plus(delay).isBefore(wait.deadline())) {
      return;
    }
    if (delay.isZero() || delay.isNegative()) {
      poll();
      return;
    }
    try {
      engine.scheduler().schedule(this::poll, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      wait.fail(new ClientClosedException());
    }
  }

  private void poll() {
    if (wait.isDone()) {
      return;
    }
    polls++;
    engine
        .read(wait, profile, null)
        .whenComplete(
            (observation, error) -> {
              if (error != null) {
                wait.fail(RequestRunner.unwrap(error));
                return;
              }
              wait.observe(observation.job(), observation.retryAfter());
              planNext();
            });
  }
}
