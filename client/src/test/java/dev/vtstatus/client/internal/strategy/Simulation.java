package dev.vtstatus.client.internal.strategy;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Runs a planner against simulated jobs on virtual time, as the client would: observe, plan, poll,
 * until the poll sees the job ended. Pure, deterministic for a seeded random source.
 */
final class Simulation {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  /** What one job's wait cost. */
  record Outcome(int requests, double latencySeconds) {}

  /** Totals over many jobs. */
  record Totals(double meanRequests, double p95LatencySeconds, double meanLatencySeconds) {}

  private Simulation() {}

  /**
   * Waits for one job of {@code duration} seconds created at {@code T0}, the wait starting then.
   *
   * @param hints whether answers carry estimates (noise: relative error up to {@code noise})
   * @param createAnswer whether the create answer is the first observation (as for jobs this
   *     client created); otherwise the planner starts with nothing seen
   */
  static Outcome run(ScheduleStrategy strategy, double duration, boolean hints, double noise,
      boolean createAnswer, Random random) {
    PollPlanner planner = strategy.newPlanner();
    Instant end = T0.plusNanos((long) (duration * 1e9));
    Job last = createAnswer ? pending(T0, end, hints, noise, random) : null;
    Instant now = T0;
    Instant lastPending = createAnswer ? T0 : null;
    int polls = 0;
    List<Job> seenPending = new ArrayList<>();
    if (last != null) {
      seenPending.add(last);
    }
    while (true) {
      Duration delay = planner.nextDelay(new PollInput(now, T0, T0, last, null, polls));
      now = now.plus(delay);
      polls++;
      if (!now.isBefore(end)) {
        if (hints) {
          for (Job seen : seenPending) {
            strategy.learnEstimate(seen.updatedAt(), seen.estimatedCompletionAt(), end);
          }
        }
        strategy.learn(null, T0, lastPending, hints ? end : null, now);
        return new Outcome(polls, Duration.between(end, now).toNanos() / 1e9);
      }
      last = pending(now, end, hints, noise, random);
      lastPending = now;
      seenPending.add(last);
      if (polls > 10_000) {
        throw new AssertionError("no end after 10000 polls");
      }
    }
  }

  static Job pending(Instant now, Instant end, boolean hints, double noise, Random random) {
    if (!hints) {
      return new Job("j", JobStatus.PENDING, null, T0, null, null, null, null, null, null, null, null, null, null);
    }
    double remaining = Duration.between(now, end).toNanos() / 1e9;
    double estimate = remaining * (1 + noise * (2 * random.nextDouble() - 1));
    Instant eta = now.plusNanos((long) (estimate * 1e9));
    return new Job("j", JobStatus.PENDING, 0.5, T0, now, null, eta,
        Duration.ofMillis((long) (estimate * 1000)), null, null, null, null, null, null);
  }

  /** Runs {@code count} jobs with durations from {@code durations}, in order (learning as it goes). */
  static Totals runMany(ScheduleStrategy strategy, int count, DoubleSupplier durations, boolean hints,
      double noise, boolean createAnswer, Random random) {
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      outcomes.add(run(strategy, durations.getAsDouble(), hints, noise, createAnswer, random));
    }
    return totals(outcomes);
  }

  static Totals totals(List<Outcome> outcomes) {
    double[] latencies = outcomes.stream().mapToDouble(Outcome::latencySeconds).sorted().toArray();
    double p95 = latencies[Math.max(0, (int) Math.ceil(0.95 * latencies.length) - 1)];
    return new Totals(
        outcomes.stream().mapToInt(Outcome::requests).average().orElse(0),
        p95,
        Arrays.stream(latencies).average().orElse(0));
  }

  static DoubleSupplier uniform(Random random, double min, double max) {
    return () -> min + (max - min) * random.nextDouble();
  }
}
