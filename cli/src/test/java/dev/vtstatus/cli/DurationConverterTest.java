package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @ParameterizedTest
  @CsvSource({
    "500ms, 500",
    "5s, 5000",
    "2m, 120000",
    "1h, 3600000",
    "5, 5000",
    "0.5, 500",
    ".25, 250",
    "1.5s, 1500",
    "0, 0",
    "' 3S ', 3000",
    "1m30s, 90000",
    "1h2m, 3720000",
    "2s500ms, 2500",
    "PT0.25S, 250"
  })
  void readsUnitsAndPlainSeconds(String text, long expectedMillis) {
    // Given a duration as a person would type it
    // When it is converted
    Duration duration = converter.convert(text);
    // Then it is the intended amount of time
    assertThat(duration).isEqualTo(Duration.ofMillis(expectedMillis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5x", "", "-1", "s", "5 sec", "1e3", "5ms5", "1m 30s", "m5", "soon"})
  void rejectsWhatIsNotADurationSayingWhatToType(String text) {
    // Given text that is not a duration
    // When it is converted / Then the error names the value and the accepted forms
    assertThatThrownBy(() -> converter.convert(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'" + text + "' is not a duration")
        .hasMessageContaining("use e.g. 500ms, 5s, 2m or plain seconds");
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999h", "10000000000000s"})
  void rejectsDurationsTooLongToRepresent(String text) {
    // Given an absurdly long duration
    // When it is converted / Then it is refused rather than wrapped around
    assertThatThrownBy(() -> converter.convert(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("too long");
  }
}
