package dev.vtstatus.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vtstatus bench}: runs the wait strategies side by side on the same jobs, prints a table
 * and the targets met or not, and writes {@code results.json} and {@code tradeoff.png}. Exits 1
 * when any outcome was wrong or a strategy could not run, else 0 (targets not met are reported,
 * not fatal). Not thread-safe; picocli makes one per invocation.
 *
 * <pre>{@code
 * vtstatus bench --jobs 200 --strategies seed,adaptive,events --out bench-results
 * vtstatus bench --scale
 * }</pre>
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Compares the wait strategies on the same job mix: status requests per job (server count),",
      "detection latency p50/p95/p99/max, timeouts, wrong outcomes, client CPU, threads and heap.",
      "Writes DIR/results.json and DIR/tradeoff.png and reports each target as met or not."
    })
public final class BenchCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--url", description = "Measure the server at this URL (default: a fresh embedded server per strategy).")
  private URI url;

  @Option(names = "--strategies", split = ",", paramLabel = "NAME",
      description = "Strategies to run: fixed-1s, seed, exponential, hinted, adaptive, long-poll, events, auto (default: all; with --scale: events,long-poll).")
  private List<String> strategies;

  @Option(names = "--jobs", description = "Jobs per strategy, all waited for at once (default: 200; 10,000 with --scale).")
  private Integer jobs;

  @Option(names = "--min-delay", converter = DurationConverter.class,
      description = "Shortest job (default: 500ms; 30s with --scale, so all jobs are pending at once).")
  private Duration minDelay;

  @Option(names = "--max-delay", converter = DurationConverter.class,
      description = "Longest job (default: 1s; 60s with --scale).")
  private Duration maxDelay;

  @Option(names = "--error-probability", defaultValue = "0.1", description = "Share of jobs ending in error (default: ${DEFAULT-VALUE}).")
  private double errorProbability;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the job mix (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--out", defaultValue = "bench-results", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
  private Path out;

  @Option(names = "--scale", description = "10,000 concurrent jobs with events and long-poll, the server in its own JVM.")
  private boolean scale;

  @Option(names = "--long-poll-wait", converter = DurationConverter.class, defaultValue = "30s",
      description = "Wait the long-poll strategy asks for (default: ${DEFAULT-VALUE}).")
  private Duration longPollWait;

  @Option(names = "--no-seed-protocol", negatable = false,
      description = "Skip the comparison of adaptive and seed on a seed-protocol server.")
  private boolean noSeedProtocol;

  /** Creates the command; picocli fills in the options. */
  public BenchCommand() {}

  /**
   * Runs {@code bench} on its own, without the {@code vtstatus} command (same options); exits
   * with its exit code.
   */
  public static void main(String[] args) {
    if (System.getProperty(BenchServerMain.LOGBACK_PROPERTY) == null) {
      System.setProperty(BenchServerMain.LOGBACK_PROPERTY, BenchServerMain.LOGBACK_CONFIG);
    }
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }

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
    return broken ? 1 : 0;
  }

  private BenchConfig config() {
    BenchConfig.Builder builder = BenchConfig.builder()
        .url(url)
        .errorProbability(errorProbability)
        .seed(seed)
        .out(out)
        .scale(scale)
        .longPollWait(longPollWait)
        .seedProtocolComparison(!noSeedProtocol);
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
