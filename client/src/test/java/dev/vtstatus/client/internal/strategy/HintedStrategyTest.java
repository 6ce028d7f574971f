package dev.vtstatus.client.internal.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HintedStrategyTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:10Z");
  private final HintedStrategy hinted = HintedStrategy.defaults();

  private static Job pending(Instant createdAt, Instant eta, Duration pollAfter) {
    return new Job("a", JobStatus.PENDING, 0.5, createdAt, createdAt, null, eta, pollAfter,
        null, null, null, null, null, null);
  }

  private Duration next(Job last, Duration retryAfter, int polls) {
    return hinted.newPlanner().nextDelay(new PollInput(NOW, NOW, last.createdAt(), last, retryAfter, polls));
  }

  @Test
  void aimsBeforeANoisyEstimateByItsLowerBoundPlusTheLatencyTarget() {
    // Given: created 5 s ago, the server expects 10 s more
    Job last = pending(NOW.minusSeconds(5), NOW.plusSeconds(10), Duration.ofSeconds(10));

    // When
    Duration delay = next(last, Duration.ofSeconds(10), 1);

    // Then: lo = 10/1.3 = 7.692 s; target = 5% of 15 s = 0.75 s
    assertThat(delay.toMillis()).isEqualTo(8_442L);
  }

  @Test
  void pollsAtTheUpperBoundOnceTheWindowIsWithinTheTarget() {
    // Given: created 10 s ago, 0.5 s left by the estimate
    Job last = pending(NOW.minusSeconds(10), NOW.plusMillis(500), Duration.ofMillis(500));

    // When
    Duration delay = next(last, null, 1);

    // Then: hi = 0.5/0.7 = 0.714 s, the window 0.33 s is under the 0.525 s target
    assertThat(delay.toMillis()).isEqualTo(714L);
  }

  @Test
  void keepsDelaysBetweenFloorAndCap() {
    // hi = 0.010/0.7 = 14 ms, under the 25 ms floor
    assertThat(next(pending(NOW.minusSeconds(1), NOW.plusMillis(10), null), null, 1))
        .isEqualTo(Duration.ofMillis(25));
    assertThat(next(pending(NOW.minusSeconds(1), NOW.plusSeconds(600), null), null, 1))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(next(pending(NOW.minusSeconds(9), NOW.minusSeconds(1), null), null, 1))
        .isEqualTo(Duration.ofMillis(25));
  }

  @Test
  void followsThePollHintWhenThereIsNoEstimate() {
    assertThat(next(pending(NOW, null, Duration.ofMillis(1_200)), Duration.ofSeconds(2), 1))
        .isEqualTo(Duration.ofMillis(1_200));
    assertThat(next(pending(NOW, null, null), Duration.ofSeconds(3), 1)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void withoutAnyHintPollsAtOnceThenOnTheSeedSchedule() {
    // Given
    PollPlanner planner = hinted.newPlanner();
    Job bare = pending(NOW, null, null);

    // When / Then
    assertThat(planner.nextDelay(new PollInput(NOW, NOW, null, null, null, 0))).isZero();
    assertThat(planner.nextDelay(new PollInput(NOW, NOW, null, bare, null, 1))).isEqualTo(Duration.ofSeconds(2));
    assertThat(planner.nextDelay(new PollInput(NOW, NOW, null, bare, null, 2))).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void withNoisyHintsDetectsWithinTenPercentOfTheMeanDurationUsingFewerRequestsThanSeed() {
    // Given: 5-10 s jobs, estimates off by up to 30%
    Random random = new Random(42);
    Random durations = new Random(1);

    // When
    Simulation.Totals hintedTotals = Simulation.runMany(hinted, 2_000,
        Simulation.uniform(durations, 5, 10), true, 0.3, true, random);
    Simulation.Totals seedTotals = Simulation.runMany(ExponentialStrategy.seed(), 2_000,
        Simulation.uniform(new Random(1), 5, 10), true, 0.3, false, random);

    // Then
    assertThat(hintedTotals.p95LatencySeconds()).isLessThanOrEqualTo(0.1 * 7.5);
    assertThat(hintedTotals.meanRequests()).isLessThan(seedTotals.meanRequests());
  }
}
