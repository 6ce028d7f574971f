package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ServerLifecycleTest {

  @Test
  void closeAnswersParkedLongPollsAndEndsStreams() throws Exception {
    // Given
    JobServer server = JobServer.create(ServerTesting.fastConfig().port(0).build()).start();
    try {
      TestHttp http = new TestHttp(server.url());
      Job job = http.create("{\"simulate\":{\"duration_ms\":60000}}");
      CompletableFuture<HttpResponse<String>> poll =
          CompletableFuture.supplyAsync(() -> http.get("/v1/jobs/" + job.jobId() + "?wait=30"));
      RecordingEventStream stream = RecordingEventStream.open(http, "/v1/events");
      await().atMost(Duration.ofSeconds(3)).until(() ->
          server.stats().parkedLongPolls() == 1 && server.stats().openEventStreams() == 1);

      // When
      server.close();

      // Then
      HttpResponse<String> answer = poll.get();
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(TestHttp.job(answer).status()).isEqualTo(JobStatus.PENDING);
      await().atMost(Duration.ofSeconds(3)).until(stream::ended);
      assertThat(server.stats().parkedLongPolls()).isZero();
      assertThat(server.stats().openEventStreams()).isZero();
      http.checkAnswers();
    } finally {
      server.close();
    }
  }

  @Test
  void closeIsIdempotentAndAServerStartsOnlyOnce() {
    // Given
    JobServer server = JobServer.create(ServerTesting.fastConfig().port(0).build()).start();

    // When
    server.close();
    server.close();

    // Then
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void urlNamesTheBoundPort() throws Exception {
    ServerTesting.test((server, http) -> {
      // When / Then
      assertThat(server.port()).isPositive();
      assertThat(server.url().toString()).isEqualTo("http://127.0.0.1:" + server.port());
      assertThat(server.config().port()).isZero();
    });
  }
}
