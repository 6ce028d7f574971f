package dev.vtstatus.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * Percentiles of a set of latencies, in milliseconds. Immutable and thread-safe.
 *
 * <p>Percentiles use the nearest-rank method: p95 of 200 samples is the 190th smallest, so every
 * figure is a latency that was actually observed.
 *
 * @param samples how many latencies were summarised
 * @param p50 the median, ms
 * @param p95 the 95th percentile, ms
 * @param p99 the 99th percentile, ms
 * @param max the largest, ms
 */
public record LatencySummary(int samples, double p50, double p95, double p99, double max) {

  /** The summary of no samples: every figure is NaN. */
  public static final LatencySummary EMPTY =
      new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** Summarises {@code latencies}; {@link #EMPTY} when there are none. */
  public static LatencySummary of(Collection<Duration> latencies) {
    Objects.requireNonNull(latencies, "latencies");
    double[] ms = latencies.stream().mapToDouble(d -> d.toNanos() / 1e6).sorted().toArray();
    if (ms.length == 0) {
      return EMPTY;
    }
    return new LatencySummary(
        ms.length, nearestRank(ms, 50), nearestRank(ms, 95), nearestRank(ms, 99), ms[ms.length - 1]);
  }

  /** Returns the {@code percentile}th value of ascending {@code sorted}, by nearest rank. */
  static double nearestRank(double[] sorted, double percentile) {
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }
}
