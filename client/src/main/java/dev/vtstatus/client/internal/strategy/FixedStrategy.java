package dev.vtstatus.client.internal.strategy;

import java.time.Duration;

/** Polls at once, then every interval. Immutable and thread-safe. */
public final class FixedStrategy extends ScheduleStrategy {
  private final Duration interval;

  /** Creates the strategy; the interval must be positive. */
  public FixedStrategy(Duration interval) {
    this.interval = Checks.positive("interval", interval);
  }

  @Override
  public String name() {
    return "fixed";
  }

  /** Returns the interval between polls. */
  public Duration interval() {
    return interval;
  }

  @Override
  public PollPlanner newPlanner() {
    return input -> input.polls() == 0 ? Duration.ZERO : interval;
  }
}
