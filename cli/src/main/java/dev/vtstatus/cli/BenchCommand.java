package dev.vtstatus.cli;

import dev.vtstatus.bench.BenchConfig;
import dev.vtstatus.bench.BenchResults;
import dev.vtstatus.bench.Benchmark;
import dev.vtstatus.bench.ResultsTable;
import dev.vtstatus.bench.StrategyCatalog;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vtstatus bench}: runs the wait strategies side by side on the same jobs, prints a table
 * and the targets met or not, and writes {@code results.json} and {@code tradeoff.png}. Exits 1
 * when any outcome was wrong or a strategy could not run, else 0 (targets not met are reported,
 * not fatal). The measuring is the {@code bench} module's {@link Benchmark}; this class only reads
 * the options into a {@link BenchConfig}. Not thread-safe; picocli makes one per invocation.
 *
 * <pre>{@code
 * vtstatus bench --strategies seed,adaptive,events --jobs 200 --out bench-results
 * vtstatus bench --scale
 * }</pre>
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Runs the wait strategies side by side on the same jobs and writes their costs and latencies.",
      "Measures status requests per job (server count), detection latency p50/p95/p99/max, timeouts,"
          + " wrong outcomes, client CPU, threads and heap; writes DIR/results.json and"
          + " DIR/tradeoff.png and reports each target as met or not.",
      ""
    })
final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--url", paramLabel = "URL", split = ",", defaultValue = "${VTSTATUS_URL}",
      description = "Measure the server at this URL, or its replicas separated by commas, the jobs"
          + " spread over them (env VTSTATUS_URL; default: a fresh embedded server per strategy).")
  List<URI> url;

  @Option(names = "--strategies", split = ",", paramLabel = "NAME",
      defaultValue = "${VTSTATUS_BENCH_STRATEGIES}",
      description = "Strategies to run, in order: fixed:1s, seed, exponential, hinted, adaptive,"
          + " long-poll, events, auto (env VTSTATUS_BENCH_STRATEGIES, comma-separated; default: all;"
          + " with --scale: events,long-poll,adaptive).")
  List<String> strategies;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "${VTSTATUS_BENCH_JOBS}",
      description = "Jobs per strategy, all waited for at once (env VTSTATUS_BENCH_JOBS; default: 200;"
          + " 10,000 with --scale).")
  Integer jobs;

  @Option(names = "--min-delay", paramLabel = "DURATION",
      description = "Shortest job (default: 500ms; 30s with --scale, so all jobs are pending at once).")
  Duration minDelay;

  @Option(names = "--max-delay", paramLabel = "DURATION",
      description = "Longest job (default: 1s; 60s with --scale).")
  Duration maxDelay;

  @Option(names = "--error-probability", paramLabel = "0..1", defaultValue = "0.1",
      description = "Share of jobs ending in error (default: ${DEFAULT-VALUE}).")
  double errorProbability;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
      description = "Seed of the job mix, so every strategy sees the same jobs (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--long-poll-wait", paramLabel = "DURATION", defaultValue = "30s",
      description = "Wait the long-poll strategy asks for (default: ${DEFAULT-VALUE}).")
  Duration longPollWait;

  @Option(names = "--no-seed-protocol", negatable = false,
      description = "Skip the comparison of adaptive and seed on a seed-protocol server.")
  boolean noSeedProtocol;

  @Option(names = "--stores",
      description = "Also run events and long-poll on the in-memory store, on one replica over Redis"
          + " and on three replicas over one Redis (a bundled redis-server), and check the"
          + " three-replica p99 target.")
  boolean stores;

  @Option(names = "--scale",
      description = "10,000 concurrent jobs with events and long-poll, the server in its own JVM.")
  boolean scale;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "${VTSTATUS_BENCH_OUT:-bench-results}",
      description = "Output directory (env VTSTATUS_BENCH_OUT, default: ${DEFAULT-VALUE}).")
  Path out;

  /** Runs the benchmark and returns the exit code. */
  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BenchConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    Benchmark benchmark = Benchmark.create(config).onProgress(line -> {
      err.println(line);
      err.flush();
    });
    BenchResults results = benchmark.run();
    Path dir = benchmark.write(results);
    out.print(ResultsTable.format(results));
    out.printf("%nwrote %s and %s%n", dir.resolve(Benchmark.RESULTS_FILE), dir.resolve(Benchmark.CHART_FILE));
    out.flush();
    boolean broken = results.wrongOutcomes() > 0
        || results.strategies().stream().anyMatch(s -> s.error() != null);
    return broken ? ExitCode.FAILED : ExitCode.OK;
  }

  private BenchConfig config() {
    BenchConfig.Builder builder = BenchConfig.builder()
        .urls(url)
        .errorProbability(errorProbability)
        .seed(seed)
        .out(this.out)
        .scale(scale)
        .longPollWait(longPollWait)
        .seedProtocolComparison(!noSeedProtocol)
        .storeComparison(stores);
    if (scale) {
      builder.jobs(BenchConfig.SCALE_JOBS).strategies(StrategyCatalog.SCALE_NAMES)
          .minDelay(BenchConfig.SCALE_MIN_DELAY).maxDelay(BenchConfig.SCALE_MAX_DELAY);
    }
    if (strategies != null) {
      builder.strategies(strategies);
    }
    if (jobs != null) {
      builder.jobs(jobs);
    }
    if (minDelay != null) {
      builder.minDelay(minDelay);
    }
    if (maxDelay != null) {
      builder.maxDelay(maxDelay);
    }
    return builder.build();
  }
}
