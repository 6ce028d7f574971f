package dev.vtstatus.client.internal.strategy;

import dev.vtstatus.client.WaitStrategy;
import java.time.Duration;

/** Long polls up to {@code maxWait} per request. Immutable and thread-safe. */
public final class LongPollStrategy implements WaitStrategy {
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

  @Override
  public String toString() {
    return name();
  }
}
