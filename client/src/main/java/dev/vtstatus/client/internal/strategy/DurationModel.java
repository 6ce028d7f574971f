package dev.vtstatus.client.internal.strategy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distribution of recent job durations, overall and per language pair, and the poll schedule
 * fitted to it. Thread-safe: all access is synchronized, and fitting is cached until a sample
 * arrives.
 */
final class DurationModel {
  /** Used until enough samples exist: sparser than the seed's 0, 2, 6, 14, 30 s ages. */
  static final AgeSchedule PRIOR = new AgeSchedule.Listed(List.of(1.5, 4.0, 8.0, 14.0, 22.0, 30.0), 30.0);

  static final int MIN_SAMPLES = 5;
  static final int MIN_PAIR_SAMPLES = 20;
  static final int CAPACITY = 256;
  static final double MAX_GAP_SECONDS = 30.0;

  private static final double[] START_QUANTILES = {0.0, 0.02, 0.05, 0.1, 0.2, 0.3};
  private static final double[] GAP_SHARES = {0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75};
  private static final double MIN_GAP_SECONDS = 0.1;

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

  private Samples pick(String pair) {
    if (pair != null) {
      Samples own = byPair.get(pair);
      if (own != null && own.count >= MIN_PAIR_SAMPLES) {
        return own;
      }
    }
    return global;
  }

  /**
   * Fits a grid schedule to sorted durations: the fewest mean requests whose p95 detection latency
   * meets the target, if that also stays within the request budget relative to the seed schedule;
   * otherwise the lowest p95 latency within that budget.
   */
  AgeSchedule.Grid fit(double[] sorted) {
    double mean = Arrays.stream(sorted).average().orElse(1.0);
    double max = sorted[sorted.length - 1];
    double target = latencyShare * mean;
    double budget = requestBudget * seedRequests(sorted);
    Evaluation bestOnTarget = null;
    Evaluation bestInBudget = null;
    Evaluation cheapest = null;
    for (double q : START_QUANTILES) {
      double start = sorted[(int) Math.floor(q * (sorted.length - 1))];
      for (double share : GAP_SHARES) {
        double gap = Math.max(MIN_GAP_SECONDS, share * mean);
        Evaluation e = evaluate(sorted, start, gap);
        if (e.p95Latency <= target && (bestOnTarget == null || e.requests < bestOnTarget.requests)) {
          bestOnTarget = e;
        }
        if (e.requests <= budget
            && (bestInBudget == null || e.p95Latency < bestInBudget.p95Latency
                || (e.p95Latency == bestInBudget.p95Latency && e.requests < bestInBudget.requests))) {
          bestInBudget = e;
        }
        if (cheapest == null || e.requests < cheapest.requests) {
          cheapest = e;
        }
      }
    }
    Evaluation chosen;
    if (bestOnTarget != null && bestOnTarget.requests <= budget) {
      chosen = bestOnTarget;
    } else if (bestInBudget != null) {
      chosen = bestInBudget;
    } else {
      chosen = cheapest;
    }
    return new AgeSchedule.Grid(chosen.start, chosen.gap, max + chosen.gap, MAX_GAP_SECONDS);
  }

  /** Mean requests and p95 latency of a grid on the samples. */
  static Evaluation evaluate(double[] sorted, double start, double gap) {
    double requests = 0;
    double[] latency = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      double d = sorted[i];
      long extra = d <= start ? 0 : (long) Math.ceil((d - start) / gap - 1e-9);
      requests += 1 + extra;
      latency[i] = start + extra * gap - d;
    }
    Arrays.sort(latency);
    int rank = (int) Math.ceil(0.95 * latency.length) - 1;
    return new Evaluation(start, gap, requests / sorted.length, latency[Math.max(0, rank)]);
  }

  /** Mean requests the seed schedule (ages 0, 2, 6, 14, 30, then every 30 s) needs on the samples. */
  static double seedRequests(double[] sorted) {
    double total = 0;
    for (double d : sorted) {
      double age = 0;
      double step = 2;
      int polls = 1;
      while (age < d) {
        age += step;
        step = Math.min(step * 2, 30);
        polls++;
      }
      total += polls;
    }
    return total / sorted.length;
  }

  record Evaluation(double start, double gap, double requests, double p95Latency) {}

  private static final class Samples {
    private final double[] ring = new double[CAPACITY];
    private int count;
    private int next;
    private AgeSchedule.Grid fitted;

    void add(double seconds) {
      ring[next] = seconds;
      next = (next + 1) % CAPACITY;
      count = Math.min(count + 1, CAPACITY);
      fitted = null;
    }

    double[] sorted() {
      double[] copy = Arrays.copyOf(ring, count);
      Arrays.sort(copy);
      return copy;
    }
  }
}
