package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormatsTest {
  private final DurationConverter converter = new DurationConverter();

  @ParameterizedTest
  @ValueSource(strings = {"250ms", "1.5s", "2s", "2m5s", "59.9s", "3m"})
  void durationConverterReadsBackWhatTheCommandsPrint(String text) {
    // Given a duration formatted for display
    Duration duration = converter.convert(text);
    // When it is formatted and read again / Then nothing is lost
    assertThat(converter.convert(Formats.duration(duration))).isEqualTo(duration);
  }


  @Test
  void printsAJobWithTheWireFieldsOnly() throws Exception {
    // Given a completed job
    Instant t = Instant.parse("2026-11-23T10:15:30.123Z");
    Job job = new Job("j1", JobStatus.COMPLETED, 1.0, t, t, t, null, Duration.ofMillis(1200), "en",
        "es", null, null, null, null);
    // When it is printed
    JsonNode printed = Json.mapper().readTree(Formats.prettyJson(job));
    // Then it has the protocol's names and formats, and nothing derived
    assertThat(printed.get("job_id").asText()).isEqualTo("j1");
    assertThat(printed.get("status").asText()).isEqualTo("completed");
    assertThat(printed.get("completed_at").asText()).isEqualTo("2026-11-23T10:15:30.123Z");
    assertThat(printed.get("poll_after_ms").asLong()).isEqualTo(1200);
    assertThat(printed.has("terminal")).isFalse();
  }

  @Test
  void formatsDurationsForPeople() {
    // Given / When / Then
    assertThat(Formats.duration(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Formats.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(Formats.duration(Duration.ofSeconds(2))).isEqualTo("2s");
    assertThat(Formats.duration(Duration.ofSeconds(125))).isEqualTo("2m5s");
    assertThat(Formats.duration(null)).isEqualTo("-");
  }

  @Test
  void countsInEnglish() {
    // Given / When / Then
    assertThat(Formats.count(1, "job")).isEqualTo("1 job");
    assertThat(Formats.count(0, "request")).isEqualTo("0 requests");
  }
}
