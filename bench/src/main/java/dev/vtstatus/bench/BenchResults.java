package dev.vtstatus.bench;

import java.util.List;
import java.util.Optional;

/**
 * Everything one benchmark run measured. Immutable and thread-safe.
 *
 * @param config what was run
 * @param server how the server ran: {@code embedded}, {@code forked} (its own JVM) or {@code url}
 * @param strategies one result per strategy, in the order they ran
 * @param targets the targets checked against this run's figures
 */
public record BenchResults(
    BenchConfig config, String server, List<StrategyResult> strategies, List<TargetResult> targets) {

  /** Copies the lists. */
  public BenchResults {
    strategies = List.copyOf(strategies);
    targets = List.copyOf(targets);
  }

  /** Returns the result of the strategy reported as {@code name}, if it ran. */
  public Optional<StrategyResult> strategy(String name) {
    return strategies.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Returns the wrong outcomes of all strategies together; must be 0. */
  public int wrongOutcomes() {
    return strategies.stream().mapToInt(StrategyResult::wrongOutcomes).sum();
  }
}
