package dev.vtstatus.client.internal.sse;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an {@link EventStreamConnection} waits before it reconnects: exponential from a base,
 * capped, with upward jitter so that many clients dropped at once do not reconnect in step. The
 * base is the server's {@code retry:} value when it sent one, else {@link #initialDelay()}; jitter
 * only adds time, so a reconnect never comes earlier than the server asked.
 *
 * <p>Immutable and thread-safe.
 *
 * @param initialDelay the base delay when the server sent no {@code retry:}; default 200 ms
 * @param maxDelay the cap of the exponential part (raised to the server's {@code retry:} if that is
 *     larger); default 10 s
 * @param jitter the largest share of the delay added at random, 0 to 1; default 0.2
 */
public record ReconnectBackoff(Duration initialDelay, Duration maxDelay, double jitter) {
  /** 200 ms doubling up to 10 s, plus up to 20% jitter. */
  public static final ReconnectBackoff DEFAULT =
      new ReconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);

  /** Checks the values. */
  public ReconnectBackoff {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive, was " + initialDelay);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay (" + maxDelay + ") must not be less than initialDelay (" + initialDelay + ")");
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
    }
  }

  /**
   * Returns the delay before the next connection attempt.
   *
   * @param failures consecutive failures so far, at least 1
   * @param serverRetry the last {@code retry:} the server sent, or null
   * @param retryAfter a {@code Retry-After} of the failed answer, or null; the delay is at least
   *     this
   * @param random a number in [0, 1) that picks the jitter
   */
  public Duration delay(int failures, Duration serverRetry, Duration retryAfter, double random) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1, was " + failures);
    }
    long base = (serverRetry != null ? serverRetry : initialDelay).toMillis();
    long cap = Math.max(maxDelay.toMillis(), base);
    long nominal = cap;
    int doublings = failures - 1;
    if (doublings < Long.numberOfLeadingZeros(Math.max(base, 1)) - 1) {
      nominal = Math.min(cap, base << doublings);
    }
    long delay = nominal + (long) (nominal * jitter * random);
    if (retryAfter != null && retryAfter.toMillis() > delay) {
      delay = retryAfter.toMillis();
    }
    return Duration.ofMillis(delay);
  }
}
