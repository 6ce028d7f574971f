package dev.vtstatus.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks the benchmark's targets against one run's own figures; ratios are taken to the baselines
 * of the same run. A target whose strategies did not run is left out; one whose strategy failed is
 * reported as not met. Stateless and thread-safe.
 */
public final class Targets {

  /** Status requests per job the {@code events} strategy may spend. */
  public static final double EVENTS_MAX_REQUESTS_PER_JOB = 0.05;

  /** The p99 detection latency {@code events} and {@code long-poll} must keep, ms. */
  public static final double PUSH_MAX_P99_MS = 25;

  /** The p95 detection latency of hinted polling, as a share of the mean job duration. */
  public static final double HINTED_MAX_P95_SHARE = 0.10;

  /** The p95 detection latency of adaptive polling with hints, as a share of the mean job duration. */
  public static final double ADAPTIVE_MAX_P95_SHARE = 0.05;

  /** Status requests per job adaptive polling with hints may spend. */
  public static final double ADAPTIVE_MAX_REQUESTS_PER_JOB = 2.0;

  /**
   * Status requests per job adaptive polling may spend on many concurrent jobs, its due polls
   * merged into batch reads: well below one.
   */
  public static final double MERGED_MAX_REQUESTS_PER_JOB = 0.25;

  /** The most client threads at 10,000 jobs. */
  public static final int SCALE_MAX_THREADS = 32;

  /** The most client heap at 10,000 jobs, MiB. */
  public static final double SCALE_MAX_HEAP_MB = 256;

  private Targets() {}

  /** Returns every target that {@code strategies} (run with {@code config}) can be held to. */
  public static List<TargetResult> check(BenchConfig config, List<StrategyResult> strategies) {
    List<TargetResult> targets = new ArrayList<>();
    targets.add(
        TargetResult.atMost(
            "no wrong outcome (all strategies)",
            strategies.stream().mapToInt(StrategyResult::wrongOutcomes).sum(),
            0));
    String prefix = config.scale() ? String.format("%,d jobs, ", config.jobs()) : "";
    find(strategies, "events").ifPresent(s -> push(targets, prefix, s, EVENTS_MAX_REQUESTS_PER_JOB));
    find(strategies, "long-poll")
        .ifPresent(
            s ->
                push(
                    targets,
                    prefix,
                    s,
                    1 + s.meanJobMs() / config.longPollWait().toMillis()));
    for (String name : Benchmark.STORE_STRATEGIES) {
      find(strategies, name + "@" + Benchmark.redis(3)).ifPresent(s -> targets.add(
          TargetResult.atMost(
              s.name() + ": p99 detection <= " + (int) PUSH_MAX_P99_MS + " ms with three replicas",
              s.detectionLatency().p99(),
              PUSH_MAX_P99_MS)));
    }
    Optional<StrategyResult> seed = find(strategies, "seed");
    for (String name : List.of("adaptive", "hinted")) {
      find(strategies, name).ifPresent(s -> beatsSeed(targets, s, seed, !config.scale()));
    }
    if (!config.scale()) {
      find(strategies, "adaptive").ifPresent(s -> nearTheLimit(targets, s));
    } else {
      find(strategies, "adaptive").ifPresent(s -> targets.add(TargetResult.atMost(
          prefix + "adaptive: requests per job <= " + round(MERGED_MAX_REQUESTS_PER_JOB) + " (merged batch reads)",
          s.requestsPerJob(), MERGED_MAX_REQUESTS_PER_JOB)));
    }
    find(strategies, StrategyCatalog.onSeedProtocol("adaptive"))
        .ifPresent(
            s ->
                beatsSeed(
                    targets, s, find(strategies, StrategyCatalog.onSeedProtocol("seed")), false));
    if (config.scale()) {
      for (StrategyResult s : strategies) {
        targets.add(TargetResult.atMost(prefix + s.name() + ": jobs lost", lost(s), 0));
        targets.add(
            TargetResult.atMost(
                prefix + s.name() + ": client threads <= " + SCALE_MAX_THREADS,
                s.error() == null ? s.peakThreads() : Double.NaN,
                SCALE_MAX_THREADS));
        targets.add(
            TargetResult.atMost(
                prefix + s.name() + ": client heap <= " + (int) SCALE_MAX_HEAP_MB + " MiB",
                s.peakHeapMb(),
                SCALE_MAX_HEAP_MB));
        targets.add(
            TargetResult.atMost(
                prefix + s.name() + ": client heap after GC <= " + (int) SCALE_MAX_HEAP_MB + " MiB",
                s.peakHeapAfterGcMb(),
                SCALE_MAX_HEAP_MB));
      }
    }
    return targets;
  }

  private static void push(
      List<TargetResult> targets, String prefix, StrategyResult s, double maxRequestsPerJob) {
    targets.add(
        TargetResult.atMost(
            prefix + s.name() + ": requests per job <= " + round(maxRequestsPerJob),
            s.requestsPerJob(),
            maxRequestsPerJob));
    targets.add(
        TargetResult.atMost(
            prefix + s.name() + ": p99 detection <= " + (int) PUSH_MAX_P99_MS + " ms",
            s.detectionLatency().p99(),
            PUSH_MAX_P99_MS));
  }

  private static void beatsSeed(
      List<TargetResult> targets, StrategyResult s, Optional<StrategyResult> seed, boolean hints) {
    String seedName = seed.map(StrategyResult::name).orElse("seed");
    seed.ifPresent(
        b -> {
          targets.add(
              TargetResult.below(
                  s.name() + ": fewer requests per job than " + seedName,
                  s.requestsPerJob(),
                  b.requestsPerJob()));
          targets.add(
              TargetResult.below(
                  s.name() + ": lower p95 detection than " + seedName,
                  s.detectionLatency().p95(),
                  b.detectionLatency().p95()));
        });
    if (hints) {
      targets.add(
          TargetResult.atMost(
              s.name() + ": p95 detection <= 10% of mean job duration (ms)",
              s.detectionLatency().p95(),
              HINTED_MAX_P95_SHARE * s.meanJobMs()));
    }
  }

  /** Adaptive polling with hints: at most 2 requests per job and a p95 within 5% of the mean job. */
  private static void nearTheLimit(List<TargetResult> targets, StrategyResult s) {
    targets.add(TargetResult.atMost(
        s.name() + ": requests per job <= " + round(ADAPTIVE_MAX_REQUESTS_PER_JOB),
        s.requestsPerJob(), ADAPTIVE_MAX_REQUESTS_PER_JOB));
    targets.add(TargetResult.atMost(
        s.name() + ": p95 detection <= 5% of mean job duration (ms)",
        s.detectionLatency().p95(), ADAPTIVE_MAX_P95_SHARE * s.meanJobMs()));
  }

  private static double lost(StrategyResult s) {
    return s.error() != null ? s.jobs() : s.timeouts() + s.failures() + s.wrongOutcomes();
  }

  private static Optional<StrategyResult> find(List<StrategyResult> strategies, String name) {
    return strategies.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  private static String round(double value) {
    return String.format("%.3f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
