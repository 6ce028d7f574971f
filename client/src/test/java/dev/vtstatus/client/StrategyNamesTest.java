package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategyNamesTest {

  @Test
  void listsEveryNameInHelpOrder() {
    // Given / When / Then
    assertThat(WaitStrategy.names())
        .containsExactly("auto", "events", "long-poll", "adaptive", "hinted", "exponential", "seed", "fixed");
  }

  @ParameterizedTest
  @CsvSource({"auto", "events", "long-poll", "adaptive", "hinted", "exponential", "seed", "fixed"})
  void makesTheStrategyOfEachNameWhoseNameItIs(String name) {
    // Given / When
    WaitStrategy strategy = WaitStrategy.named(name, null);

    // Then
    assertThat(strategy.name()).isEqualTo(name);
    assertThat(VideoTranslationClient.builder().waitStrategy(strategy)).isNotNull();
  }

  @Test
  void readsNamesInAnyCaseAndTakesATimeWhereOneIsTaken() {
    // Given / When / Then
    assertThat(WaitStrategy.named("FIXED", Duration.ofSeconds(2)).name()).isEqualTo("fixed");
    assertThat(WaitStrategy.named("long-poll", Duration.ofSeconds(20)).name()).isEqualTo("long-poll");
    assertThat(WaitStrategy.named("exponential", Duration.ofMillis(250)).name()).isEqualTo("exponential");
  }

  @Test
  void refusesUnknownNamesListingTheKnownOnes() {
    // Given / When / Then
    assertThatThrownBy(() -> WaitStrategy.named("polling", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown strategy 'polling'; use one of auto, events, long-poll, adaptive, hinted,"
            + " exponential, seed, fixed");
  }

  @Test
  void refusesATimeOnAStrategyThatTakesNone() {
    // Given / When / Then
    assertThatThrownBy(() -> WaitStrategy.named("adaptive", Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("strategy 'adaptive' takes no time; only long-poll, exponential and fixed do");
  }

  @Test
  void refusesATimeTheStrategyCannotUse() {
    // Given / When / Then
    assertThatThrownBy(() -> WaitStrategy.named("fixed", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval must be positive");
  }
}
