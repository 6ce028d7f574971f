package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vtstatus.protocol.Job;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String API_KEY = "very-secret-api-key";
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private final ListAppender<ILoggingEvent> recording = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void record() {
    recording.start();
    root.addAppender(recording);
  }

  @AfterEach
  void stopRecording() {
    root.detachAppender(recording);
  }

  private List<String> linesAbout(String jobId) {
    return recording.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains("job_id=" + jobId)).toList();
  }

  @Test
  void oneLinePerTransitionWithJobIdAndTraceIdAndNoSecrets() throws Exception {
    test(ServerTesting.fastConfig().apiKeys(Set.of(API_KEY)).webhookSecret(SECRET), (server, http) -> {
      // Given
      Job job = TestHttp.job(http.post("/v1/jobs", "{\"simulate\":{\"duration_ms\":50}}",
          "X-Api-Key", API_KEY, "traceparent", "00-" + TRACE + "-b7ad6b7169203331-01"));

      // When
      http.get("/v1/jobs/" + job.jobId() + "?wait=5", "X-Api-Key", API_KEY);
      http.get("/v1/jobs/" + job.jobId(), "X-Api-Key", "wrong-" + API_KEY);

      // Then
      await().atMost(Duration.ofSeconds(2)).until(() -> linesAbout(job.jobId()).size() >= 2);
      List<String> lines = linesAbout(job.jobId());
      assertThat(lines).hasSize(2).allMatch(line -> line.contains("trace_id=" + TRACE));
      assertThat(lines.get(0)).startsWith("job created");
      assertThat(lines.get(1)).startsWith("job ended").contains("status=completed");
      assertThat(recording.list).extracting(ILoggingEvent::getFormattedMessage)
          .noneMatch(m -> m.contains(API_KEY) || m.contains(SECRET));
      List<Map<String, Object>> fields = recording.list.stream()
          .filter(e -> e.getFormattedMessage().contains("job_id=" + job.jobId()))
          .map(e -> e.getKeyValuePairs().stream().collect(Collectors.toMap(kv -> kv.key, kv -> kv.value)))
          .toList();
      assertThat(fields).hasSize(2)
          .allSatisfy(f -> assertThat(f).containsEntry("job_id", job.jobId()).containsEntry("trace_id", TRACE));
    });
  }
}
