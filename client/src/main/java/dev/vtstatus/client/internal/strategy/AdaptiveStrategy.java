package dev.vtstatus.client.internal.strategy;

import dev.vtstatus.protocol.Durations;
import dev.vtstatus.protocol.Job;
import java.time.Duration;
import java.time.Instant;

/**
 * Learns job durations and polls where completion is likely.
 *
 * <p>With the server's estimate at hand it plans like {@link HintedStrategy}, its latency target
 * taken from the learned mean duration and its allowance for the estimates' error learned too (the
 * 95th percentile of how far past estimates were off, once 20 are known; {@link NoiseModel}). Without one (seed protocol) it polls at job ages fitted to
 * the learned distribution (quantiles chosen by {@link DurationModel#fit}), or at a prior sparser than the seed's
 * schedule until {@value DurationModel#MIN_SAMPLES} jobs have ended. Each client learns on its own
 * instance ({@link #forClient()}); thread-safe.
 */
public final class AdaptiveStrategy extends ScheduleStrategy {
  private final HintedStrategy hints;
  private final double latencyShare;
  private final double requestBudget;
  private final DurationModel model;
  private final NoiseModel noise;
  private final ColdStart coldStart = new ColdStart();
  /** The merge window as a share of the learned mean duration. */
  static final double MERGE_SHARE = 0.005;
  static final Duration MAX_MERGE_WINDOW = Duration.ofMillis(500);
  /**
   * The share of the latency target that the looks planned from the server's estimates aim at.
   * Merged into batch reads, the extra looks a tight aim costs are nearly free, so it aims at a
   * fifth of the target (2% of the mean job for the default 10%), leaving room for late timers
   * and answers on a busy machine and for estimates worse than allowed for.
   */
  static final double HINTED_AIM = 0.2;

  /**
   * Creates a learner.
   *
   * @param hints how to follow the server's estimates
   * @param latencyShare the p95 detection-latency target as a share of the mean duration
   * @param requestBudget the share of the seed schedule's requests a fitted schedule may use
   */
  public AdaptiveStrategy(HintedStrategy hints, double latencyShare, double requestBudget) {
    if (!(latencyShare > 0 && latencyShare <= 1)) {
      throw new IllegalArgumentException("latencyShare must be in (0, 1], was " + latencyShare);
    }
    if (!(requestBudget > 0 && requestBudget <= 1)) {
      throw new IllegalArgumentException("requestBudget must be in (0, 1], was " + requestBudget);
    }
    this.hints = hints;
    this.latencyShare = latencyShare;
    this.requestBudget = requestBudget;
    this.model = new DurationModel(latencyShare, requestBudget);
    this.noise = new NoiseModel(hints.noise());
  }

  /** Returns the defaults: hinted defaults, latency target 10% of the mean, budget 90% of seed's. */
  public static AdaptiveStrategy defaults() {
    return new AdaptiveStrategy(HintedStrategy.defaults(), 0.10, 0.9);
  }

  @Override
  public String name() {
    return "adaptive";
  }

  @Override
  public ScheduleStrategy forClient() {
    return new AdaptiveStrategy(hints, latencyShare, requestBudget);
  }

  /**
   * Writes what this instance learned (durations, and how far the server's estimates were off) to
   * {@code file}, replacing it.
   *
   * @throws java.io.UncheckedIOException when the file cannot be written
   */
  @Override
  public void save(java.nio.file.Path file) {
    LearnedFile.write(file, model, noise);
  }

  /**
   * Adds what {@code file} holds (written by {@link #save}) to what this instance learned; a
   * missing file adds nothing.
   *
   * @throws IllegalArgumentException naming the file when it holds something else
   */
  @Override
  public void load(java.nio.file.Path file) {
    LearnedFile.read(file, model, noise);
  }

  /** Returns how many durations this instance has learned. */
  public int samples() {
    return model.size();
  }

  @Override
  public PollPlanner newPlanner() {
    return new SchedulePlanner();
  }

  @Override
  public boolean mergesPolls() {
    return true;
  }

  /**
   * Returns 0.5% of the learned mean duration, between 5 ms and 500 ms (5 ms before any is learned):
   * a fifth of the share of the job its planned looks aim at, so merging costs little latency
   * while jobs of a minute merge the looks of half a second.
   */
  @Override
  public Duration mergeWindow() {
    double mean = model.mean(null);
    if (Double.isNaN(mean)) {
      return DEFAULT_MERGE_WINDOW;
    }
    return Checks.clamp(Checks.ofSecondsDouble(MERGE_SHARE * mean), DEFAULT_MERGE_WINDOW, MAX_MERGE_WINDOW);
  }

  @Override
  public Runnable onReplan(Runnable replan) {
    return coldStart.subscribe(replan);
  }

  /** Returns how many of this instance's waits are scouting for a cold model now. */
  int scouts() {
    return coldStart.scouts();
  }

  /**
   * One wait's planner. It keeps one schedule once the model is warm, so polls follow one plan;
   * while the model is still learning the burst ({@link ColdStart}) it takes the latest fit at
   * every step.
   */
  private final class SchedulePlanner implements PollPlanner {
    private AgeSchedule schedule;
    private Boolean scout;
    private volatile boolean fromEstimate;

    @Override
    public boolean replannable() {
      return !fromEstimate;
    }

    private AgeSchedule schedule(String pair) {
      if (schedule == null || schedule == DurationModel.PRIOR || model.size() <= ColdStart.REPLAN_UNTIL) {
        schedule = model.schedule(pair);
      }
      return schedule;
    }

    @Override
    public synchronized void close() {
      if (scout != null) {
        coldStart.leave(scout);
      }
    }

    @Override
    public Duration nextDelay(PollInput input) {
      Job last = input.lastSeen();
      String pair = last == null ? null : pair(last.sourceLanguage(), last.targetLanguage());
      fromEstimate = last != null && last.estimatedCompletionAt() != null;
      if (fromEstimate) {
        // until the model has a mean, the job's own estimated duration stands in for it, so the
        // looks of a cold burst aim as tightly as later ones
        double mean = model.mean(pair);
        double expected = Double.isNaN(mean) ? HintedStrategy.expectedSeconds(input) : mean;
        return hints.plan(input, Checks.ofSecondsDouble(latencyShare * HINTED_AIM * expected), noise.margin());
      }
      if (last == null && input.polls() == 0 && input.createdAt() == null) {
        return Duration.ZERO;
      }
      double age = input.age().toNanos() / 1e9;
      if (model.size() < DurationModel.MIN_SAMPLES && scouting()) {
        // no floor: a scout's looks are at least 50 ms apart, and a re-plan must not push one back
        return Checks.ofSecondsDouble(ColdStart.scoutAgeAfter(age) - age);
      }
      AgeSchedule ages = schedule(pair);
      if (input.polls() == 0 && age >= ages.firstAge()) {
        return Duration.ZERO;
      }
      double next = ages.nextAgeAfter(age);
      return Durations.max(Checks.ofSecondsDouble(next - age), hints.floor());
    }

    private synchronized boolean scouting() {
      if (scout == null) {
        scout = coldStart.enlist();
      } else if (!scout) {
        scout = coldStart.promote();
      }
      return scout;
    }
  }

  @Override
  public void learn(
      String languagePair,
      Instant createdAt,
      Instant lastPendingAt,
      Instant completedAt,
      Instant observedAt) {
    if (createdAt == null) {
      return;
    }
    double seconds;
    if (completedAt != null) {
      seconds = seconds(createdAt, completedAt);
    } else if (lastPendingAt != null) {
      seconds = model.within(languagePair, seconds(createdAt, lastPendingAt), seconds(createdAt, observedAt));
    } else {
      seconds = seconds(createdAt, observedAt);
    }
    model.add(languagePair, seconds);
    coldStart.learned(model.size());
  }

  @Override
  public void learnEstimate(Instant observedAt, Instant estimatedCompletionAt, Instant completedAt) {
    double estimated = Duration.between(observedAt, estimatedCompletionAt).toNanos() / 1e9;
    double actual = Duration.between(observedAt, completedAt).toNanos() / 1e9;
    if (actual > 0.05) {
      noise.add(Math.abs(estimated / actual - 1));
    }
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  /** Returns the relative error of the server's estimates this instance allows for now. */
  public double noiseMargin() {
    return noise.margin();
  }

  /** Returns the key of a language pair, or null when either side is unknown. */
  public static String pair(String source, String target) {
    return source == null || target == null ? null : source + "->" + target;
  }
}
