package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.WaitListener;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The client's request rate limit: one Bucket4j token bucket shared by every job. A request that
 * must wait reserves its token and is scheduled for when it is due, never a sleeping thread; the
 * wait is reported through {@link WaitListener#rateLimited}. Thread-safe.
 */
public final class RateLimiter {
  private final Bucket bucket;
  private final ScheduledExecutorService scheduler;
  private final WaitListener listener;

  private RateLimiter(Bucket bucket, ScheduledExecutorService scheduler, WaitListener listener) {
    this.bucket = bucket;
    this.scheduler = scheduler;
    this.listener = listener;
  }

  /** Returns a limiter that never waits. */
  public static RateLimiter unlimited() {
    return new RateLimiter(null, null, null);
  }

  /**
   * Returns a limiter of {@code requestsPerSecond}, allowing bursts of up to one second's worth
   * (at least one request), timed by the clock.
   */
  public static RateLimiter of(
      double requestsPerSecond, Clock clock, ScheduledExecutorService scheduler, WaitListener listener) {
    long capacity = Math.max(1, (long) Math.floor(requestsPerSecond));
    Duration period = Duration.ofNanos(Math.round(capacity / requestsPerSecond * 1e9));
    TimeMeter meter =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            var now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
    Bucket bucket =
        Bucket.builder()
            .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
            .withCustomTimePrecision(meter)
            .build();
    return new RateLimiter(bucket, scheduler, listener);
  }

  /**
   * Takes one token, now or when one is due; the future holds false when it would be due only after
   * {@code maxWait}.
   */
  public CompletableFuture<Boolean> acquire(String jobId, Duration maxWait) {
    if (bucket == null || bucket.tryConsume(1)) {
      return CompletableFuture.completedFuture(true);
    }
    long waitNanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    if (waitNanos > maxWait.toNanos()) {
      return CompletableFuture.completedFuture(false);
    }
    listener.rateLimited(jobId, Duration.ofNanos(waitNanos));
    return bucket.asScheduler().tryConsume(1, maxWait.toNanos(), scheduler);
  }
}
