package dev.vtstatus.client.internal.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distribution of recent job durations, overall and per language pair, and the poll schedule
 * fitted to it. Thread-safe: all access is synchronized, and a fit is cached until a sample arrives.
 *
 * <p>Fitting places polls at quantiles of the observed durations. For a price {@code lambda} of one
 * second of detection latency in requests, a dynamic program over candidate ages (up to {@value
 * #CANDIDATES} quantiles) finds the poll ages that minimise mean requests plus {@code lambda} times
 * mean latency over the samples: a poll at age {@code c} is paid by every job still running then,
 * and each job waits from its end to the next poll. Each price in a range gives one schedule; the
 * chosen one uses the fewest requests whose p95 latency meets the target (a share of the mean
 * duration), provided it stays within a budget; otherwise the lowest p95 latency within the budget.
 *
 * <p>The budget is a share of what the seed schedule (at once, then 2, 4, 8, 16, 30 s) needs on the
 * same samples. When that schedule as written looks at these jobs at most once after creating them
 * (jobs shorter than its 2 s step), it is no schedule to beat: a share of it allows less than one
 * poll a job, so the learner would be held to one late look. Then the budget is taken from the
 * seed's schedule scaled to the samples' mean, as it was drawn up for jobs of 5 to 10 s.
 */
final class DurationModel {
  /** Used until enough samples exist: sparser than the seed's 0, 2, 6, 14, 30 s ages. */
  static final AgeSchedule PRIOR = new AgeSchedule(new double[] {1.5, 4.0, 8.0, 14.0, 22.0, 30.0}, 1.0, 30.0);

  static final int MIN_SAMPLES = 5;
  /**
   * Below this many samples the longest duration seen is a poor guess of the longest there is
   * (in a burst the first ends are the shortest jobs), so beyond it a fitted schedule steps by
   * {@link #FEW_SAMPLES_TAIL_SHARE} of the age rather than doubling it.
   */
  static final int FEW_SAMPLES = 64;
  static final double FEW_SAMPLES_TAIL_SHARE = 0.25;
  /** A bracket no wider than this share of its upper end is resolved by its midpoint. */
  static final double NARROW_BRACKET = 0.34;
  static final int MIN_PAIR_SAMPLES = 20;
  static final int CAPACITY = 256;
  static final int CANDIDATES = 64;
  static final double MAX_GAP_SECONDS = 30.0;
  /** The mean duration of the jobs the seed schedule was drawn up for (5 to 10 s). */
  static final double SEED_DESIGN_MEAN_SECONDS = 7.5;
  private static final double[] PRICES = {0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};

  private final double latencyShare;
  private final double requestBudget;
  private final Samples global = new Samples();
  private final Map<String, Samples> byPair = new HashMap<>();

  /**
   * @param latencyShare the p95 detection-latency target as a share of the mean duration
   * @param requestBudget the share of the seed schedule's requests a fitted schedule may use
   */
  DurationModel(double latencyShare, double requestBudget) {
    this.latencyShare = latencyShare;
    this.requestBudget = requestBudget;
  }

  synchronized void add(String pair, double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      return;
    }
    global.add(seconds);
    if (pair != null) {
      byPair.computeIfAbsent(pair, p -> new Samples()).add(seconds);
    }
  }

  /**
   * Returns where in {@code (lo, hi]} seconds a job seen pending at age {@code lo} and ended at age
   * {@code hi} most likely ended: the midpoint when that bracket is narrow (at most {@value
   * #NARROW_BRACKET} of {@code hi}); otherwise the median of the durations already learned that
   * fall within it, since the midpoint of a wide bracket (a job first looked at long after its
   * creation, say) says little; the midpoint when none do.
   */
  synchronized double within(String pair, double lo, double hi) {
    double mid = (lo + hi) / 2;
    if (hi - lo <= NARROW_BRACKET * hi) {
      return mid;
    }
    double[] inside = Arrays.stream(pick(pair).sorted()).filter(d -> d > lo && d <= hi).toArray();
    return inside.length == 0 ? mid : inside[inside.length / 2];
  }

  /** Returns the schedule for a pair (or overall), the prior while samples are too few. */
  synchronized AgeSchedule schedule(String pair) {
    Samples samples = pick(pair);
    if (samples.count < MIN_SAMPLES) {
      return PRIOR;
    }
    if (samples.fitted == null) {
      samples.fitted = fit(samples.sorted());
    }
    return samples.fitted;
  }

  /** Returns the mean duration in seconds, or NaN without enough samples. */
  synchronized double mean(String pair) {
    Samples samples = pick(pair);
    if (samples.count < MIN_SAMPLES) {
      return Double.NaN;
    }
    return Arrays.stream(samples.sorted()).average().orElse(Double.NaN);
  }

  synchronized int size() {
    return global.count;
  }

  /** Returns the durations held, oldest first: overall (key null) and per language pair. */
  synchronized Map<String, double[]> durations() {
    Map<String, double[]> out = new java.util.LinkedHashMap<>();
    out.put(null, global.inOrder());
    byPair.forEach((pair, samples) -> out.put(pair, samples.inOrder()));
    return out;
  }

  /** Adds durations saved by {@link #durations()}: overall ones, then each pair's own. */
  synchronized void restore(double[] overall, Map<String, double[]> pairs) {
    for (double d : overall) {
      if (d >= 0 && !Double.isInfinite(d)) {
        global.add(d);
      }
    }
    pairs.forEach((pair, values) -> {
      Samples samples = byPair.computeIfAbsent(pair, p -> new Samples());
      for (double d : values) {
        if (d >= 0 && !Double.isInfinite(d)) {
          samples.add(d);
        }
      }
    });
  }

  private Samples pick(String pair) {
    if (pair != null) {
      Samples own = byPair.get(pair);
      if (own != null && own.count >= MIN_PAIR_SAMPLES) {
        return own;
      }
    }
    return global;
  }

  /** Fits a schedule to sorted durations; see the class comment. */
  AgeSchedule fit(double[] sorted) {
    double mean = Math.max(1e-3, Arrays.stream(sorted).average().orElse(1.0));
    double target = latencyShare * mean;
    double budget = requestBudget * seedBudgetRequests(sorted, mean);
    double[] candidates = candidates(sorted);
    Evaluation bestOnTarget = null;
    Evaluation bestInBudget = null;
    Evaluation cheapest = null;
    for (double price : PRICES) {
      double[] ages = optimal(sorted, candidates, price / mean);
      Evaluation e = evaluate(sorted, ages);
      if (e.requests <= budget && e.p95Latency <= target
          && (bestOnTarget == null || e.requests < bestOnTarget.requests)) {
        bestOnTarget = e;
      }
      if (e.requests <= budget
          && (bestInBudget == null || e.p95Latency < bestInBudget.p95Latency)) {
        bestInBudget = e;
      }
      if (cheapest == null || e.requests < cheapest.requests) {
        cheapest = e;
      }
    }
    Evaluation chosen = bestOnTarget != null ? bestOnTarget : bestInBudget != null ? bestInBudget : cheapest;
    double minGap = Math.max(0.1, latencyShare * mean);
    return new AgeSchedule(chosen.ages, minGap, MAX_GAP_SECONDS,
        sorted.length < FEW_SAMPLES ? FEW_SAMPLES_TAIL_SHARE : 1.0);
  }

  /** Up to {@value #CANDIDATES} distinct quantiles of the samples, always including the largest. */
  static double[] candidates(double[] sorted) {
    int n = sorted.length;
    int m = Math.min(n, CANDIDATES);
    List<Double> out = new ArrayList<>();
    for (int k = 1; k <= m; k++) {
      double v = sorted[(int) Math.ceil((double) k * n / m) - 1];
      if (out.isEmpty() || v > out.get(out.size() - 1)) {
        out.add(v);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The poll ages among the candidates minimising mean requests plus {@code price} x mean latency. */
  static double[] optimal(double[] sorted, double[] candidates, double price) {
    int n = sorted.length;
    int m = candidates.length;
    int[] count = new int[m];
    double[] sum = new double[m];
    double[] prefix = new double[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + sorted[i];
    }
    for (int j = 0; j < m; j++) {
      int c = upperBound(sorted, candidates[j]);
      count[j] = c;
      sum[j] = prefix[c];
    }
    double[] best = new double[m];
    int[] from = new int[m];
    for (int j = 0; j < m; j++) {
      best[j] = n + price * (count[j] * candidates[j] - sum[j]);
      from[j] = -1;
      for (int i = 0; i < j; i++) {
        double cost = best[i] + (n - count[i])
            + price * ((count[j] - count[i]) * candidates[j] - (sum[j] - sum[i]));
        if (cost < best[j]) {
          best[j] = cost;
          from[j] = i;
        }
      }
    }
    List<Double> ages = new ArrayList<>();
    for (int j = m - 1; j >= 0; j = from[j]) {
      ages.add(0, candidates[j]);
    }
    return ages.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static int upperBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Mean requests and p95 latency of polls at {@code ages} on the samples (all within the ages). */
  static Evaluation evaluate(double[] sorted, double[] ages) {
    double requests = 0;
    double[] latency = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      int k = 0;
      while (k < ages.length - 1 && ages[k] < sorted[i]) {
        k++;
      }
      requests += k + 1;
      latency[i] = Math.max(0, ages[k] - sorted[i]);
    }
    Arrays.sort(latency);
    int rank = (int) Math.ceil(0.95 * latency.length) - 1;
    return new Evaluation(ages, requests / sorted.length, latency[Math.max(0, rank)]);
  }

  /** Mean requests the seed schedule (ages 0, 2, 6, 14, 30, then every 30 s) needs on the samples. */
  static double seedRequests(double[] sorted) {
    return seedRequests(sorted, 1.0);
  }

  /**
   * Mean requests the seed schedule needs on the samples, every age multiplied by {@code scale}
   * (1 is the schedule as written).
   */
  static double seedRequests(double[] sorted, double scale) {
    double total = 0;
    for (double d : sorted) {
      double age = 0;
      double step = 2 * scale;
      int polls = 1;
      while (age < d) {
        age += step;
        step = Math.min(step * 2, 30 * scale);
        polls++;
      }
      total += polls;
    }
    return total / sorted.length;
  }

  /** The seed requests a fitted schedule's budget is a share of; see the class comment. */
  static double seedBudgetRequests(double[] sorted, double mean) {
    double written = seedRequests(sorted);
    if (written > 2.0) {
      return written;
    }
    return Math.max(written, seedRequests(sorted, mean / SEED_DESIGN_MEAN_SECONDS));
  }

  /** A candidate schedule's cost on the samples. */
  record Evaluation(double[] ages, double requests, double p95Latency) {}

  private static final class Samples {
    private final double[] ring = new double[CAPACITY];
    private int count;
    private int next;
    private AgeSchedule fitted;

    void add(double seconds) {
      ring[next] = seconds;
      next = (next + 1) % CAPACITY;
      count = Math.min(count + 1, CAPACITY);
      fitted = null;
    }

    double[] inOrder() {
      double[] out = new double[count];
      for (int i = 0; i < count; i++) {
        out[i] = ring[(next - count + i + CAPACITY) % CAPACITY];
      }
      return out;
    }

    double[] sorted() {
      double[] copy = Arrays.copyOf(ring, count);
      Arrays.sort(copy);
      return copy;
    }
  }
}
