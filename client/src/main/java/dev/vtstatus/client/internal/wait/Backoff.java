package dev.vtstatus.client.internal.wait;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Delays between retries of a transient failure: {@code base * 2^(n-1)} capped at {@code max}, then
 * scaled by a uniform factor in [0.5, 1) ("equal jitter") so clients do not retry in step. A
 * server's {@code Retry-After} wins when it is longer. Immutable and thread-safe.
 *
 * @param base the first delay before jitter
 * @param max the cap before jitter
 * @param random uniform numbers in [0, 1)
 */
public record Backoff(Duration base, Duration max, DoubleSupplier random) {

  /** Returns the defaults: 100 ms doubling up to 5 s. */
  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Returns the delay after the {@code failures}-th failure in a row, honouring {@code retryAfter}. */
  public Duration delay(int failures, Duration retryAfter) {
    double nanos = base.toNanos() * Math.pow(2, Math.min(30, failures - 1));
    nanos = Math.min(nanos, max.toNanos());
    nanos = nanos * (0.5 + 0.5 * random.getAsDouble());
    Duration d = Duration.ofNanos((long) nanos);
    return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
  }
}
