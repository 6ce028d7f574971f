package dev.vtstatus.client.internal.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.WaitStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScheduleStrategiesTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  private static List<Duration> delays(ScheduleStrategy strategy, int count) {
    PollPlanner planner = strategy.newPlanner();
    List<Duration> out = new ArrayList<>();
    for (int polls = 0; polls < count; polls++) {
      out.add(planner.nextDelay(new PollInput(NOW, NOW, null, null, null, polls)));
    }
    return out;
  }

  private static List<Long> millis(List<Duration> ds) {
    return ds.stream().map(Duration::toMillis).toList();
  }

  @Test
  void fixedPollsAtOnceThenEveryInterval() {
    // When
    List<Duration> d = delays(new FixedStrategy(Duration.ofMillis(300)), 4);

    // Then
    assertThat(millis(d)).containsExactly(0L, 300L, 300L, 300L);
  }

  @Test
  void seedIsAtOnceThenTwoFourEightSixteenThenThirtyForever() {
    // When
    List<Duration> d = delays(ExponentialStrategy.seed(), 8);

    // Then
    assertThat(millis(d)).containsExactly(0L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
    assertThat(WaitStrategy.seed().name()).isEqualTo("seed");
  }

  @Test
  void exponentialGrowsByItsFactorUpToItsMax() {
    // When
    List<Duration> d = delays(new ExponentialStrategy("exponential", Duration.ofMillis(100), 3.0, Duration.ofSeconds(1), 0.0), 6);

    // Then
    assertThat(millis(d)).containsExactly(0L, 100L, 300L, 900L, 1_000L, 1_000L);
  }

  @Test
  void jitterStaysWithinItsBoundsAndNeverAboveMax() {
    // Given
    Random random = new Random(7);
    ExponentialStrategy low = new ExponentialStrategy("e", Duration.ofSeconds(1), 2.0, Duration.ofSeconds(4), 0.25, () -> 0.0);
    ExponentialStrategy high = new ExponentialStrategy("e", Duration.ofSeconds(1), 2.0, Duration.ofSeconds(4), 0.25, () -> 0.999_999);
    ExponentialStrategy any = new ExponentialStrategy("e", Duration.ofSeconds(1), 2.0, Duration.ofSeconds(4), 0.25, random::nextDouble);

    // When / Then
    assertThat(low.delayAfter(1)).isEqualTo(Duration.ofMillis(750));
    assertThat(high.delayAfter(1).toMillis()).isEqualTo(1_249L);
    assertThat(low.delayAfter(3)).isEqualTo(Duration.ofSeconds(3));
    assertThat(high.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
    for (int i = 0; i < 1_000; i++) {
      Duration second = any.delayAfter(2);
      assertThat(second).isBetween(Duration.ofMillis(1_500), Duration.ofMillis(2_500));
    }
  }

  @Test
  void factoriesRejectBadValuesNamingThem() {
    assertThatThrownBy(() -> WaitStrategy.fixed(Duration.ZERO)).hasMessageContaining("interval must be positive");
    assertThatThrownBy(() -> WaitStrategy.exponential(Duration.ofSeconds(-1), 2, Duration.ofSeconds(1), 0))
        .hasMessageContaining("initial must be positive");
    assertThatThrownBy(() -> WaitStrategy.exponential(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2), 0))
        .hasMessageContaining("factor must be at least 1, was 0.5");
    assertThatThrownBy(() -> WaitStrategy.exponential(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), 0))
        .hasMessageContaining("max must be at least initial");
    assertThatThrownBy(() -> WaitStrategy.exponential(Duration.ofSeconds(1), 2, Duration.ofSeconds(2), 1.5))
        .hasMessageContaining("jitter must be between 0 and 1, was 1.5");
    assertThatThrownBy(() -> WaitStrategy.longPoll(null)).hasMessageContaining("maxWait must be positive");
  }

  @Test
  void namesAreTheDocumentedOnes() {
    assertThat(List.of(WaitStrategy.fixed(Duration.ofSeconds(1)),
            WaitStrategy.exponential(Duration.ofSeconds(1), 2, Duration.ofSeconds(2), 0), WaitStrategy.seed(),
            WaitStrategy.hinted(), WaitStrategy.adaptive(), WaitStrategy.longPoll(Duration.ofSeconds(1)),
            WaitStrategy.events(), WaitStrategy.auto()))
        .extracting(WaitStrategy::name)
        .containsExactly("fixed", "exponential", "seed", "hinted", "adaptive", "long-poll", "events", "auto");
  }
}
