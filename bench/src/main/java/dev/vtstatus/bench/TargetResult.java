package dev.vtstatus.bench;

/**
 * One target of the benchmark, checked against a run's own figures. Immutable and thread-safe.
 *
 * @param name what is promised, e.g. {@code events: p99 detection latency <= 25 ms}
 * @param met whether the run's figure keeps the promise; false too when the figure is missing
 * @param value the run's figure; NaN when the strategy it needs did not run or failed
 * @param limit the bound the figure is held to (a ratio's limit is the baseline's figure)
 */
public record TargetResult(String name, boolean met, double value, double limit) {

  /** Returns a target that holds when {@code value <= limit}. */
  static TargetResult atMost(String name, double value, double limit) {
    return new TargetResult(name, !Double.isNaN(value) && value <= limit, value, limit);
  }

  /** Returns a target that holds when {@code value < limit}. */
  static TargetResult below(String name, double value, double limit) {
    return new TargetResult(
        name, !Double.isNaN(value) && !Double.isNaN(limit) && value < limit, value, limit);
  }
}
