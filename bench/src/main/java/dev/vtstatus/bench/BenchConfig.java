package dev.vtstatus.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one benchmark run does: which strategies, how many jobs, which job mix, where results go.
 * Build one with {@link #builder()}; every setter rejects a bad value at once. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * BenchConfig config = BenchConfig.builder().jobs(50).strategies(List.of("seed", "events")).build();
 * BenchResults results = Benchmark.create(config).run();
 * }</pre>
 *
 * @param urls a running server to measure, or its replicas (the jobs are spread over them); empty
 *     starts a fresh embedded server per strategy
 * @param strategies the strategy names to run, in order (see {@link StrategyCatalog#NAMES})
 * @param jobs how many jobs each strategy waits for, all at once
 * @param minDelay the shortest simulated job duration
 * @param maxDelay the longest simulated job duration
 * @param errorProbability the share of jobs that end in error
 * @param seed the seed of the job mix, so every strategy sees the same jobs
 * @param out the directory {@code results.json} and {@code tradeoff.png} are written to
 * @param scale whether this is the 10,000-job run against a server in its own JVM
 * @param longPollWait the longest wait the {@code long-poll} strategy asks the server for
 * @param seedProtocolComparison whether to also pit {@code adaptive} against {@code seed} on a
 *     seed-protocol server (embedded runs only)
 * @param warmup whether each strategy first runs a few short jobs, unmeasured, so that the
 *     measured run does not pay for class loading and compilation
 * @param storeComparison whether to also run {@code events} and {@code long-poll} on the in-memory
 *     store, on Redis with one replica and on Redis with three (embedded runs only)
 */
public record BenchConfig(
    List<URI> urls,
    List<String> strategies,
    int jobs,
    Duration minDelay,
    Duration maxDelay,
    double errorProbability,
    long seed,
    Path out,
    boolean scale,
    Duration longPollWait,
    boolean seedProtocolComparison,
    boolean warmup,
    boolean storeComparison) {

  /** The seed server's shortest job, 5 s: the baselines are scaled to the configured delays. */
  public static final Duration SEED_MIN_DELAY = Duration.ofSeconds(5);

  /** The seed server's longest job, 10 s. */
  public static final Duration SEED_MAX_DELAY = Duration.ofSeconds(10);

  /** Jobs in a {@code --scale} run. */
  public static final int SCALE_JOBS = 10_000;

  /**
   * The shortest job of a {@code --scale} run, 30 s: longer than creating 10,000 jobs takes on a
   * small machine, so that all of them are pending at once.
   */
  public static final Duration SCALE_MIN_DELAY = Duration.ofSeconds(30);

  /** The longest job of a {@code --scale} run, 60 s. */
  public static final Duration SCALE_MAX_DELAY = Duration.ofSeconds(60);

  /** Checks every value; see {@link Builder} for the rules. */
  public BenchConfig {
    urls = List.copyOf(urls);
    strategies = List.copyOf(strategies);
    if (strategies.isEmpty()) {
      throw new IllegalArgumentException("strategies must name at least one strategy");
    }
    for (String name : strategies) {
      StrategyCatalog.requireKnown(name);
    }
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
    }
    Objects.requireNonNull(minDelay, "minDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (minDelay.isNegative() || minDelay.isZero()) {
      throw new IllegalArgumentException("minDelay must be positive, was " + minDelay);
    }
    if (minDelay.compareTo(maxDelay) > 0) {
      throw new IllegalArgumentException(
          "minDelay (" + minDelay + ") must not exceed maxDelay (" + maxDelay + ")");
    }
    if (!(errorProbability >= 0 && errorProbability <= 1)) {
      throw new IllegalArgumentException(
          "errorProbability must be between 0 and 1, was " + errorProbability);
    }
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(longPollWait, "longPollWait");
    if (longPollWait.isNegative() || longPollWait.isZero()) {
      throw new IllegalArgumentException("longPollWait must be positive, was " + longPollWait);
    }
  }

  /** Returns a builder with the defaults of {@code vtstatus bench}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns how much faster this run's jobs are than the seed's 5-10 s jobs: the seed's mean delay
   * over the configured mean delay (10 for the default 0.5-1 s). The baselines' intervals are
   * divided by it, so they behave against these jobs as they did against the seed's.
   */
  public double compression() {
    double seedMean = (SEED_MIN_DELAY.toNanos() + SEED_MAX_DELAY.toNanos()) / 2.0;
    double mean = (minDelay.toNanos() + maxDelay.toNanos()) / 2.0;
    return seedMean / mean;
  }

  /** Returns {@code interval} divided by {@link #compression()}. */
  public Duration compress(Duration interval) {
    return Duration.ofNanos(Math.round(interval.toNanos() / compression()));
  }

  /**
   * Returns the config of the unmeasured warm-up before {@code strategy}: 20 jobs of 50-100 ms
   * on an embedded server, nothing written.
   */
  public BenchConfig warmupFor(String strategy) {
    return new BenchConfig(
        List.of(), List.of(strategy), Math.min(20, jobs), Duration.ofMillis(50), Duration.ofMillis(100),
        errorProbability, seed, out, false, longPollWait, false, false, false);
  }

  /** Returns the longest any single wait may take before it counts as a timeout. */
  public Duration waitTimeout() {
    return maxDelay.multipliedBy(4).plus(Duration.ofSeconds(30));
  }

  /** Builds a {@link BenchConfig}. Not thread-safe. */
  public static final class Builder {
    private List<URI> urls = List.of();
    private List<String> strategies = StrategyCatalog.NAMES;
    private int jobs = 200;
    private Duration minDelay = Duration.ofMillis(500);
    private Duration maxDelay = Duration.ofSeconds(1);
    private double errorProbability = 0.1;
    private long seed = 42L;
    private Path out = Path.of("bench-results");
    private boolean scale;
    private Duration longPollWait = Duration.ofSeconds(30);
    private boolean seedProtocolComparison = true;
    private boolean warmup = true;
    private boolean storeComparison;

    private Builder() {}

    /** Measures the server at {@code value} instead of embedded ones. Default none. */
    public Builder url(URI value) {
      return urls(value == null ? List.of() : List.of(value));
    }

    /**
     * Measures the running replicas at {@code value} (one client per replica, the jobs spread over
     * them) instead of embedded servers. Default none.
     */
    public Builder urls(List<URI> value) {
      urls = value == null ? List.of() : List.copyOf(value);
      return this;
    }

    /** Sets the strategies to run. Default all of {@link StrategyCatalog#NAMES}. */
    public Builder strategies(List<String> value) {
      strategies = List.copyOf(value);
      return this;
    }

    /** Sets the jobs per strategy. Default 200. */
    public Builder jobs(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("jobs must be at least 1, was " + value);
      }
      jobs = value;
      return this;
    }

    /** Sets the shortest job. Default 500 ms. */
    public Builder minDelay(Duration value) {
      minDelay = Objects.requireNonNull(value, "minDelay");
      return this;
    }

    /** Sets the longest job. Default 1 s. */
    public Builder maxDelay(Duration value) {
      maxDelay = Objects.requireNonNull(value, "maxDelay");
      return this;
    }

    /** Sets the share of jobs ending in error. Default 0.1. */
    public Builder errorProbability(double value) {
      errorProbability = value;
      return this;
    }

    /** Sets the seed of the job mix. Default 42. */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** Sets the output directory. Default {@code bench-results}. */
    public Builder out(Path value) {
      out = Objects.requireNonNull(value, "out");
      return this;
    }

    /** Marks the 10,000-job run (server in its own JVM). Default false. */
    public Builder scale(boolean value) {
      scale = value;
      return this;
    }

    /** Sets the long poll's wait. Default 30 s. */
    public Builder longPollWait(Duration value) {
      longPollWait = Objects.requireNonNull(value, "longPollWait");
      return this;
    }

    /** Adds (or not) the seed-protocol comparison of adaptive and seed. Default true. */
    public Builder seedProtocolComparison(boolean value) {
      seedProtocolComparison = value;
      return this;
    }

    /**
     * Adds (or not) the store comparison: {@code events} and {@code long-poll} on the in-memory
     * store, on one replica over Redis and on three replicas over one Redis (a real redis-server,
     * bundled), each with the run's jobs. Default false.
     */
    public Builder storeComparison(boolean value) {
      storeComparison = value;
      return this;
    }

    /** Runs (or not) a short unmeasured warm-up before each strategy. Default true. */
    public Builder warmup(boolean value) {
      warmup = value;
      return this;
    }

    /**
     * Returns the config.
     *
     * @throws IllegalArgumentException when values do not fit together, e.g. min over max delay
     */
    public BenchConfig build() {
      return new BenchConfig(
          urls, strategies, jobs, minDelay, maxDelay, errorProbability, seed, out, scale,
          longPollWait, seedProtocolComparison, warmup, storeComparison);
    }
  }
}
