package dev.vtstatus.client.internal.strategy;

import java.time.Duration;

/** Long polls up to {@code maxWait} per request. Immutable and thread-safe. */
public final class LongPollStrategy extends BuiltInStrategy {
  private final Duration maxWait;

  /** Creates the strategy; maxWait must be positive. */
  public LongPollStrategy(Duration maxWait) {
    this.maxWait = Checks.positive("maxWait", maxWait);
  }

  /** Returns the longest wait asked of the server per request. */
  public Duration maxWait() {
    return maxWait;
  }

  @Override
  public String name() {
    return "long-poll";
  }

  /** Long polls of at most {@code maxWait}, else adaptive polling. */
  @Override
  public ChannelPlan channelPlan() {
    return new ChannelPlan(false, true, maxWait, AdaptiveStrategy.defaults());
  }
}
