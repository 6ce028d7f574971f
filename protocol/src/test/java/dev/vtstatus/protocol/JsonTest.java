package dev.vtstatus.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static final Instant CREATED = Instant.parse("2026-11-23T10:15:30Z");

  @Test
  void writesSnakeCaseMillisecondInstantsAndDurationsInMilliseconds() throws Exception {
    // Given a pending job
    Job job =
        new Job("j1", JobStatus.PENDING, 0.5, CREATED, CREATED.plusMillis(120), null,
            CREATED.plusMillis(4500), Duration.ofMillis(1200), "en", "es", "v", null, null, Map.of());

    // When it is written
    JsonNode node = Json.mapper().valueToTree(job);

    // Then it uses the wire conventions
    assertThat(node.get("job_id").asText()).isEqualTo("j1");
    assertThat(node.get("status").asText()).isEqualTo("pending");
    assertThat(node.get("created_at").asText()).isEqualTo("2026-11-23T10:15:30.000Z");
    assertThat(node.get("updated_at").asText()).isEqualTo("2026-11-23T10:15:30.120Z");
    assertThat(node.get("poll_after_ms").isIntegralNumber()).isTrue();
    assertThat(node.get("poll_after_ms").asLong()).isEqualTo(1200);
    assertThat(node.has("completed_at")).isTrue();
    assertThat(node.get("completed_at").isNull()).isTrue();
    assertThat(node.has("result")).isFalse();
    assertThat(node.has("error")).isFalse();
    assertThat(node.has("terminal")).as("derived accessors are not wire fields").isFalse();
  }

  @Test
  void formatsInstantsLikeAnIsoFormatterWithMilliseconds() {
    // Given: the pattern of the protocol, and instants spread over the years 1970 to 2099
    DateTimeFormatter iso =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    SplittableRandom random = new SplittableRandom(7);

    for (int i = 0; i < 10_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000_000));

      // When / Then
      assertThat(Json.formatInstant(instant)).isEqualTo(iso.format(instant));
    }
  }

  @Test
  void readsWhatItWrites() throws Exception {
    Job job =
        new Job("j2", JobStatus.ERROR, 1.0, CREATED, CREATED, CREATED.plusSeconds(3), null, null,
            null, null, null, null, new JobError("translation_failed", "no speech"), Map.of("k", "v"));

    String text = Json.mapper().writeValueAsString(job);

    assertThat(Json.mapper().readValue(text, Job.class)).isEqualTo(job);
  }

  @Test
  void rejectsAnUnknownStatusNamingIt() {
    String text = "{\"job_id\":\"j\",\"status\":\"exploded\"}";

    assertThatThrownBy(() -> Json.mapper().readValue(text, Job.class))
        .isInstanceOf(ValueInstantiationException.class)
        .hasMessageContaining("exploded");
  }

  @Test
  void readsSimulationDurationAsMilliseconds() throws Exception {
    JobRequest request =
        Json.mapper()
            .readValue("{\"simulate\":{\"duration_ms\":250,\"outcome\":\"error\"}}", JobRequest.class);

    assertThat(request.simulate().duration()).isEqualTo(Duration.ofMillis(250));
    assertThat(request.simulate().outcome()).isEqualTo(JobStatus.ERROR);
  }

  @Test
  void leavesUnsetRequestFieldsOut() throws Exception {
    String text = Json.mapper().writeValueAsString(JobRequest.builder().targetLanguage("de").build());

    assertThat(text).isEqualTo("{\"target_language\":\"de\"}");
  }
}
