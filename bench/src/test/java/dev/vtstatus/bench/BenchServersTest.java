package dev.vtstatus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchServersTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static final BenchConfig CONFIG = BenchConfig.builder().jobs(10).build();

  private static String createPendingJob(URI base) throws Exception {
    HttpResponse<String> answer = HTTP.send(
        HttpRequest.newBuilder(base.resolve("/v1/jobs"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"simulate\": {\"duration_ms\": 600000}}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    return Json.mapper().readValue(answer.body(), Job.class).jobId();
  }

  private static int get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void forkedServerCountsStatusRequestsButNotHealthChecks() throws Exception {
    // Given a server in a JVM of its own
    try (ForkedBenchServer server = ForkedBenchServer.start(CONFIG)) {
      long before = server.statusRequests().orElseThrow();
      String id = createPendingJob(server.url());

      // When a client reads the job twice and checks health once
      get(server.url().resolve("/v1/jobs/" + id));
      get(server.url().resolve("/v1/jobs/" + id));
      get(server.url().resolve("/healthz"));

      // Then the server's own count grew by the two reads only
      assertThat(server.statusRequests().orElseThrow() - before).isEqualTo(2);
    }
  }

  @Test
  void runningReplicasCountTheStatusRequestsOfAllOfThemFromTheirMetrics() throws Exception {
    // Given two running servers, measured as replicas given by URL
    try (EmbeddedBenchServer a = EmbeddedBenchServer.start(CONFIG, false);
        EmbeddedBenchServer b = EmbeddedBenchServer.start(CONFIG, false)) {
      RemoteBenchServer replicas = new RemoteBenchServer(List.of(a.url(), b.url()));
      long before = replicas.statusRequests().orElseThrow();

      // When one read goes to the first and two to the second
      get(a.url().resolve("/v1/jobs/" + createPendingJob(a.url())));
      String id = createPendingJob(b.url());
      get(b.url().resolve("/v1/jobs/" + id));
      get(b.url().resolve("/v1/jobs/" + id));

      // Then the count is both servers' together
      assertThat(replicas.statusRequests().orElseThrow() - before).isEqualTo(3);
      assertThat(replicas.urls()).containsExactly(a.url(), b.url());
    }
  }

  @Test
  void longPollFloodCountsParkedPollsAsHeld() throws Exception {
    // Given a job that stays pending far longer than the polls wait
    try (EmbeddedBenchServer server = EmbeddedBenchServer.start(CONFIG, false)) {
      URI job = server.url().resolve("/v1/jobs/" + createPendingJob(server.url()));

      // When 20 long polls of 300 ms are held at once
      LongPollFlood.Outcome outcome = new LongPollFlood(job, 20, Duration.ofMillis(300)).run();

      // Then every one was parked for its wait and none failed
      assertThat(outcome.held()).isEqualTo(20);
      assertThat(outcome.failed()).isZero();
      assertThat(outcome.early()).isZero();
      assertThat(outcome.failureCauses()).isEmpty();
    }
  }

  @Test
  void longPollFloodCountsAnUnknownJobAsFailures() throws Exception {
    // Given a job id the server does not know
    try (EmbeddedBenchServer server = EmbeddedBenchServer.start(CONFIG, false)) {
      URI job = server.url().resolve("/v1/jobs/" + java.util.UUID.randomUUID());

      // When 5 long polls are sent
      LongPollFlood.Outcome outcome = new LongPollFlood(job, 5, Duration.ofMillis(300)).run();

      // Then each is a failure, with the status as its cause
      assertThat(outcome.failed()).isEqualTo(5);
      assertThat(outcome.failureCauses()).containsEntry("HTTP 404", 5);
    }
  }
}
