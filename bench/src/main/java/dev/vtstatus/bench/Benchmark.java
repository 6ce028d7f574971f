package dev.vtstatus.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the wait strategies side by side on the same job mix and measures what each costs and how
 * late it notices results. Each strategy gets a fresh server with the same seed (embedded in this
 * JVM; in a JVM of its own for {@code scale}; or the one at {@code url}, shared). With {@code
 * storeComparison}, {@code events} and {@code long-poll} run again on the in-memory store, on one
 * replica over Redis and on three replicas over one Redis ({@code events@memory}, {@code
 * events@redis-1}, {@code events@redis-3}, ...). Not thread-safe: one run at a time.
 *
 * <pre>{@code
 * Benchmark bench = Benchmark.create(BenchConfig.builder().jobs(200).build());
 * BenchResults results = bench.run();
 * bench.write(results); // bench-results/results.json and tradeoff.png
 * }</pre>
 */
public final class Benchmark {

  /** The file the results are written to, inside the output directory. */
  public static final String RESULTS_FILE = "results.json";

  /** The file the trade-off chart is written to, inside the output directory. */
  public static final String CHART_FILE = "tradeoff.png";

  /** The strategies the store comparison runs on each store. */
  public static final List<String> STORE_STRATEGIES = List.of("events", "long-poll");

  private final BenchConfig config;
  private Consumer<String> progress = line -> {};

  private Benchmark(BenchConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Returns a benchmark of {@code config}. */
  public static Benchmark create(BenchConfig config) {
    return new Benchmark(config);
  }

  /** Sends a line to {@code listener} as each strategy starts and ends. Default: nothing. */
  public Benchmark onProgress(Consumer<String> listener) {
    progress = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Runs every strategy of the config, then the seed-protocol comparison when asked for (and both
   * {@code seed} and {@code adaptive} are in the run), and checks the targets. A strategy that
   * fails to run is reported with its error; the others still run.
   */
  public BenchResults run() {
    JobMix mix = JobMix.draw(config);
    List<StrategyResult> results = new ArrayList<>();
    RemoteBenchServer remote = config.urls().isEmpty() ? null : new RemoteBenchServer(config.urls());
    Supplier<BenchServer> fresh = () -> remote != null ? remote
        : config.scale() ? ForkedBenchServer.start(config) : EmbeddedBenchServer.start(config, false);
    for (String name : config.strategies()) {
      results.add(runOne(name, name, fresh, () -> mix, false));
    }
    if (remote == null && !config.scale() && config.storeComparison()) {
      for (String name : STORE_STRATEGIES) {
        results.add(runOne(name + "@memory", name, () -> EmbeddedBenchServer.start(config, false), () -> mix, false));
        for (int replicas : List.of(1, 3)) {
          results.add(runOne(name + "@" + redis(replicas), name,
              () -> ReplicatedBenchServer.start(config, replicas), () -> mix, false));
        }
      }
    }
    if (remote == null && !config.scale() && config.seedProtocolComparison()
        && config.strategies().contains("seed") && config.strategies().contains("adaptive")) {
      JobMix[] plan = new JobMix[1];
      Supplier<JobMix> planned = () -> plan[0] != null ? plan[0] : (plan[0] = SeedProtocolPlan.read(config));
      for (String name : List.of("seed", "adaptive")) {
        results.add(runOne(StrategyCatalog.onSeedProtocol(name), name,
            () -> EmbeddedBenchServer.start(config, true), planned, true));
      }
    }
    String server = remote != null ? "url" : config.scale() ? "forked" : "embedded";
    return new BenchResults(config, server, results, Targets.check(config, results));
  }

  /**
   * Writes {@code results.json} and {@code tradeoff.png} to the output directory.
   *
   * @return the directory written to
   * @throws java.io.UncheckedIOException when a file cannot be written
   */
  public Path write(BenchResults results) {
    ResultsJson.write(results, config.out().resolve(RESULTS_FILE));
    TradeoffChart.write(results, config.out().resolve(CHART_FILE));
    return config.out();
  }

  /** Returns the name of a store comparison's Redis runs: {@code redis-1}, {@code redis-3}. */
  static String redis(int replicas) {
    return "redis-" + replicas;
  }

  private StrategyResult runOne(
      String reported, String strategy, Supplier<BenchServer> start, Supplier<JobMix> mix,
      boolean seedProtocol) {
    progress.accept(String.format("%s: %,d jobs...", reported, config.jobs()));
    StrategyResult result;
    BenchServer server = null;
    try {
      if (config.warmup()) {
        warmUp(strategy, seedProtocol);
      }
      JobMix jobs = mix.get();
      server = start.get();
      result = new StrategyRunner(config).run(reported, strategy, server, jobs, seedProtocol);
    } catch (RuntimeException e) {
      result = StrategyResult.failed(reported, config.jobs(), describe(e));
    } finally {
      if (server != null) {
        server.close();
      }
    }
    progress.accept(
        result.error() != null
            ? String.format("%s: not run: %s", reported, result.error())
            : String.format(
                "%s: %.3f requests/job, p95 %.1f ms, %d wrong, %d timeouts",
                reported, result.requestsPerJob(), result.detectionLatency().p95(),
                result.wrongOutcomes(), result.timeouts()));
    return result;
  }

  private void warmUp(String strategy, boolean seedProtocol) {
    BenchConfig warm = config.warmupFor(strategy);
    JobMix jobs = seedProtocol ? SeedProtocolPlan.read(warm) : JobMix.draw(warm);
    try (EmbeddedBenchServer server = EmbeddedBenchServer.start(warm, seedProtocol)) {
      new StrategyRunner(warm).run(strategy, strategy, server, jobs, seedProtocol);
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
