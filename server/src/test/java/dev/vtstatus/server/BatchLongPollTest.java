package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobBatch;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Protocol;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BatchLongPollTest {

  @Test
  void answersAsSoonAsAnyListedJobEndsWithTheJobsThatEnded() throws Exception {
    test((server, http) -> {
      // Given: three jobs, one of them ending after 300 ms
      Job quick = http.create("{\"simulate\":{\"duration_ms\":300}}");
      Job slow = http.create("{\"simulate\":{\"duration_ms\":20000}}");
      Job slower = http.create("{\"simulate\":{\"duration_ms\":30000}}");

      // When
      HttpResponse<String> response =
          http.get("/v1/jobs?ids=" + slow.jobId() + "," + quick.jobId() + "," + slower.jobId() + "&wait=10");
      Instant answered = Instant.now();

      // Then: answered soon after the quick one's end, with the jobs that have ended: that one
      JobBatch batch = TestHttp.read(response.body(), JobBatch.class);
      assertThat(batch.jobs()).extracting(Job::jobId).containsExactly(quick.jobId());
      assertThat(batch.jobs()).extracting(Job::status).containsExactly(JobStatus.COMPLETED);
      assertThat(Duration.between(batch.jobs().get(0).completedAt(), answered))
          .isBetween(Duration.ZERO, Duration.ofSeconds(2));
      assertThat(batch.notFound()).isEmpty();
    });
  }

  @Test
  void answersNoJobWhenTheWaitRunsOut() throws Exception {
    test((server, http) -> {
      // Given
      Job a = http.create("{\"simulate\":{\"duration_ms\":20000}}");
      Job b = http.create("{\"simulate\":{\"duration_ms\":20000}}");
      Instant start = Instant.now();

      // When
      HttpResponse<String> response = http.get("/v1/jobs?ids=" + a.jobId() + "," + b.jobId() + "&wait=0.3");

      // Then: none has ended
      JobBatch batch = TestHttp.read(response.body(), JobBatch.class);
      assertThat(batch.jobs()).isEmpty();
      assertThat(batch.notFound()).isEmpty();
      assertThat(Duration.between(start, Instant.now())).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
    });
  }

  @Test
  void anEndedOrUnknownJobAnswersAtOnce() throws Exception {
    test((server, http) -> {
      // Given: a pending job, an ended one, and an id the server does not hold
      Job pending = http.create("{\"simulate\":{\"duration_ms\":20000}}");
      Job done = http.create("{\"simulate\":{\"duration_ms\":0}}");
      String unknown = "00000000-0000-4000-8000-000000000000";
      Instant start = Instant.now();

      // When
      HttpResponse<String> withEnded = http.get("/v1/jobs?ids=" + pending.jobId() + "," + done.jobId() + "&wait=20");
      HttpResponse<String> withUnknown = http.get("/v1/jobs?ids=" + pending.jobId() + "," + unknown + "&wait=20");

      // Then
      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
      assertThat(TestHttp.read(withEnded.body(), JobBatch.class).jobs()).extracting(Job::status)
          .containsExactly(JobStatus.PENDING, JobStatus.COMPLETED);
      assertThat(TestHttp.read(withUnknown.body(), JobBatch.class).notFound()).containsExactly(unknown);
    });
  }

  @Test
  void aBadWaitIsABadRequestAndCapabilitiesListTheFeature() throws Exception {
    test((server, http) -> {
      // Given
      Job a = http.create("{\"simulate\":{\"duration_ms\":20000}}");

      // When
      HttpResponse<String> bad = http.get("/v1/jobs?ids=" + a.jobId() + "&wait=soon");
      JsonNode capabilities = TestHttp.tree(http.get("/v1/capabilities"));

      // Then
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(TestHttp.tree(bad).path("detail").asText()).contains("'wait'");
      assertThat(capabilities.path("features").toString()).contains(Protocol.FEATURE_BATCH_LONG_POLL);
    });
  }
}
