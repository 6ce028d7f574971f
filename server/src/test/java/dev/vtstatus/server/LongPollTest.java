package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LongPollTest extends AcrossStores {

  /** A response and the moment its head arrived, before the client read or parsed the body. */
  private record Timed(HttpResponse<String> response, Instant arrived) {}

  /** Sends a GET on the client's pooled connection, noting when the answer's head arrives. */
  private static Timed timedGet(TestHttp http, String path, String... headers) throws Exception {
    AtomicReference<Instant> arrived = new AtomicReference<>();
    HttpRequest.Builder request = http.request(path).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    HttpResponse<String> response = http.send(request.build(), info -> {
      arrived.set(Instant.now());
      return HttpResponse.BodyHandlers.ofString().apply(info);
    });
    return new Timed(response, arrived.get());
  }

  /**
   * How late after a job's end its parked long poll may be answered and still count as woken by
   * that end: far below the 10 s wait the poll asked for, so an answer that came only when the wait
   * ran out (or from a later look) fails. How soon the answer comes is a speed figure, measured by
   * the benchmark (`long-poll` p99 detection, docs/BENCHMARKS.md), not by a timed unit test.
   */
  private static final Duration WOKEN_BY_THE_END = Duration.ofSeconds(2);

  @Test
  void aParkedLongPollIsAnsweredByTheJobsEnd() throws Exception {
    test((server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":300}}");

      // When
      Timed answer = timedGet(http, "/v1/jobs/" + created.jobId() + "?wait=10");

      // Then
      Job job = TestHttp.job(answer.response());
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(Duration.between(job.completedAt(), answer.arrived()))
          .isBetween(Duration.ZERO, WOKEN_BY_THE_END);
    });
  }

  @Test
  void preferHeaderLongPollsAndEchoesPreferenceApplied() throws Exception {
    test((server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":200}}");

      // When
      Timed answer = timedGet(http, "/v1/jobs/" + created.jobId(), "Prefer", "wait=10");

      // Then
      Job job = TestHttp.job(answer.response());
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(answer.response().headers().firstValue("Preference-Applied")).hasValue("wait=10");
      assertThat(Duration.between(job.completedAt(), answer.arrived()))
          .isBetween(Duration.ZERO, WOKEN_BY_THE_END);
    });
  }

  @Test
  void longPollAnswersPendingWhenTheWaitRunsOut() throws Exception {
    test((server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":10000}}");
      Instant start = Instant.now();

      // When
      HttpResponse<String> response = http.get("/v1/jobs/" + created.jobId() + "?wait=0.2");

      // Then
      assertThat(TestHttp.job(response).status()).isEqualTo(JobStatus.PENDING);
      assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
    });
  }

  @Test
  void waitIsCappedByMaxWait() throws Exception {
    test(ServerTesting.fastConfig().maxWait(Duration.ofMillis(250)), (server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":10000}}");
      Instant start = Instant.now();

      // When
      HttpResponse<String> response = http.get("/v1/jobs/" + created.jobId(), "Prefer", "wait=30");

      // Then
      assertThat(TestHttp.job(response).status()).isEqualTo(JobStatus.PENDING);
      assertThat(Duration.between(start, Instant.now())).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
      assertThat(response.headers().firstValue("Preference-Applied")).hasValue("wait=0.25");
    });
  }

  @Test
  void malformedPreferWaitIsIgnored() throws Exception {
    test((server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":10000}}");
      Instant start = Instant.now();

      // When
      HttpResponse<String> response = http.get("/v1/jobs/" + created.jobId(), "Prefer", "wait=soon");

      // Then
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(TestHttp.job(response).status()).isEqualTo(JobStatus.PENDING);
      assertThat(response.headers().firstValue("Preference-Applied")).isEmpty();
      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    });
  }

  @Test
  void longPollOnEndedJobAnswersAtOnce() throws Exception {
    test((server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":0}}");
      await().atMost(Duration.ofSeconds(2)).until(() ->
          TestHttp.job(http.get("/v1/jobs/" + created.jobId())).isTerminal());
      Instant start = Instant.now();

      // When
      HttpResponse<String> response = http.get("/v1/jobs/" + created.jobId() + "?wait=30");

      // Then
      assertThat(TestHttp.job(response).status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
    });
  }

  @Test
  void parkedLongPollsAreCountedWhileTheyWait() throws Exception {
    test((server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":500}}");

      // When
      CompletableFuture<HttpResponse<String>> polls = CompletableFuture.allOf(
              CompletableFuture.supplyAsync(() -> http.get("/v1/jobs/" + created.jobId() + "?wait=10")),
              CompletableFuture.supplyAsync(() -> http.get("/v1/jobs/" + created.jobId() + "?wait=10")))
          .thenApply(v -> null);

      // Then
      await().atMost(Duration.ofSeconds(2)).until(() -> server.stats().parkedLongPolls() == 2);
      polls.get();
      assertThat(server.stats().parkedLongPolls()).isZero();
    });
  }

  @Test
  void cancelWakesAParkedLongPoll() throws Exception {
    test((server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":10000}}");
      CompletableFuture<HttpResponse<String>> poll =
          CompletableFuture.supplyAsync(() -> http.get("/v1/jobs/" + created.jobId() + "?wait=10"));
      await().atMost(Duration.ofSeconds(2)).until(() -> server.stats().parkedLongPolls() == 1);

      // When
      http.delete("/v1/jobs/" + created.jobId());

      // Then
      Job job = TestHttp.job(poll.get());
      assertThat(job.status()).isEqualTo(JobStatus.CANCELED);
    });
  }
}
