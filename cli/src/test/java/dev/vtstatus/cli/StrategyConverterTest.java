package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

class StrategyConverterTest {
  private final StrategyConverter converter = new StrategyConverter();

  @ParameterizedTest
  @CsvSource({
    "auto, auto", "events, events", "long-poll, long-poll", "long-poll:20s, long-poll",
    "adaptive, adaptive", "hinted, hinted", "exponential, exponential",
    "exponential:250ms, exponential", "seed, seed", "fixed, fixed", "FIXED:2s, fixed"
  })
  void readsEveryStrategyByName(String text, String name) {
    // Given / When / Then
    assertThat(converter.convert(text).name()).isEqualTo(name);
  }

  @Test
  void rejectsUnknownNamesListingTheKnownOnes() {
    // Given / When / Then
    assertThatThrownBy(() -> converter.convert("polling"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("unknown strategy 'polling'; use one of auto, events, long-poll, adaptive,"
            + " hinted, exponential, seed, fixed");
  }

  @Test
  void rejectsATimeOnAStrategyThatTakesNone() {
    // Given / When / Then
    assertThatThrownBy(() -> converter.convert("adaptive:2s"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("takes no time");
  }

  @Test
  void rejectsABadTimeWithTheDurationAdvice() {
    // Given / When / Then
    assertThatThrownBy(() -> converter.convert("fixed:2x"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'2x' is not a duration");
  }
}
