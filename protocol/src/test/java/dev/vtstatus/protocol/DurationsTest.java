package dev.vtstatus.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void parsesUnitsCombinedPartsPlainSecondsAndIso() {
    // Given / When / Then
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse(" 0.5 ")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void refusesWhatIsNotADurationSayingWhatToType() {
    // Given / When / Then
    assertThatThrownBy(() -> Durations.parse("5x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'5x' is not a duration; " + Durations.EXPECTED);
    assertThatThrownBy(() -> Durations.parse("PT-1S")).hasMessageContaining("is negative");
  }

  @Test
  void minAndMaxPickTheShorterAndTheLonger() {
    // Given
    Duration one = Duration.ofSeconds(1);
    Duration two = Duration.ofSeconds(2);
    // When / Then
    assertThat(Durations.min(two, one)).isSameAs(one);
    assertThat(Durations.max(one, two)).isSameAs(two);
  }

  @Test
  void requirePositiveNamesTheValue() {
    // Given / When / Then
    assertThat(Durations.requirePositive("wait", Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
    assertThatThrownBy(() -> Durations.requirePositive("wait", Duration.ZERO))
        .hasMessage("wait must be positive, was PT0S");
    assertThatThrownBy(() -> Durations.requirePositive("wait", null)).hasMessage("wait must be positive, was null");
  }
}
