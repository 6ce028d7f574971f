package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.testing.FakeClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobLifecycleTest extends AcrossStores {

  @Test
  void statusNeverFlapsPendingThenOneTerminalStatusForever() throws Exception {
    test(ServerTesting.fastConfig().errorProbability(0.5), (server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":200}}");
      List<JobStatus> seen = new ArrayList<>();
      Instant until = created.createdAt().plusMillis(500);

      // When
      while (Instant.now().isBefore(until) || seen.size() < 20) {
        seen.add(TestHttp.job(http.get("/v1/jobs/" + created.jobId())).status());
      }

      // Then
      int firstTerminal = seen.indexOf(seen.stream().filter(JobStatus::isTerminal).findFirst().orElseThrow());
      assertThat(firstTerminal).isPositive();
      assertThat(seen.subList(0, firstTerminal)).containsOnly(JobStatus.PENDING);
      assertThat(seen.subList(firstTerminal, seen.size())).containsOnly(seen.get(firstTerminal));
    });
  }

  @Test
  void statusFollowsTheConfiguredClock() throws Exception {
    FakeClock clock = new FakeClock(Instant.parse("2026-11-23T10:00:00.000Z"));
    test(ServerTesting.fastConfig().clock(clock), (server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":3600000,\"outcome\":\"error\"}}");

      // When
      Job before = TestHttp.job(http.get("/v1/jobs/" + created.jobId()));
      clock.advance(Duration.ofHours(1));
      Job after = TestHttp.job(http.get("/v1/jobs/" + created.jobId()));

      // Then
      assertThat(created.createdAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00.000Z"));
      assertThat(before.status()).isEqualTo(JobStatus.PENDING);
      assertThat(after.status()).isEqualTo(JobStatus.ERROR);
      assertThat(after.completedAt()).isEqualTo(Instant.parse("2026-11-23T11:00:00.000Z"));
    });
  }

  @Test
  void idempotentCreateReturnsTheFirstJobForTheSameBody() throws Exception {
    test((server, http) -> {
      // Given
      HttpResponse<String> first = http.post("/v1/jobs", "{\"target_language\":\"fr\"}", "Idempotency-Key", "k-1");

      // When
      HttpResponse<String> repeat = http.post("/v1/jobs", "{ \"target_language\" : \"fr\" }", "Idempotency-Key", "k-1");
      HttpResponse<String> other = http.post("/v1/jobs", "{\"target_language\":\"de\"}", "Idempotency-Key", "k-1");
      HttpResponse<String> otherKey = http.post("/v1/jobs", "{\"target_language\":\"fr\"}", "Idempotency-Key", "k-2");

      // Then
      assertThat(first.statusCode()).isEqualTo(201);
      assertThat(repeat.statusCode()).isEqualTo(200);
      assertThat(TestHttp.job(repeat).jobId()).isEqualTo(TestHttp.job(first).jobId());
      assertThat(other.statusCode()).isEqualTo(409);
      assertThat(TestHttp.tree(other).get("type").asText()).isEqualTo("urn:vtstatus:problem:idempotency-conflict");
      assertThat(TestHttp.job(otherKey).jobId()).isNotEqualTo(TestHttp.job(first).jobId());
      assertThat(server.stats().jobsCreated()).isEqualTo(2);
    });
  }

  @Test
  void cancelOfPendingJobIs202AndFinal() throws Exception {
    test((server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":10000}}");

      // When
      HttpResponse<String> cancel = http.delete("/v1/jobs/" + created.jobId());
      HttpResponse<String> again = http.delete("/v1/jobs/" + created.jobId());

      // Then
      Job canceled = TestHttp.job(cancel);
      assertThat(cancel.statusCode()).isEqualTo(202);
      assertThat(canceled.status()).isEqualTo(JobStatus.CANCELED);
      assertThat(canceled.completedAt()).isNotNull();
      assertThat(canceled.error().code()).isEqualTo("canceled");
      assertThat(again.statusCode()).isEqualTo(409);
      assertThat(TestHttp.job(again).status()).isEqualTo(JobStatus.CANCELED);
      assertThat(TestHttp.job(http.get("/v1/jobs/" + created.jobId())).status()).isEqualTo(JobStatus.CANCELED);
    });
  }

  @Test
  void cancelOfCompletedJobIs409AndChangesNothing() throws Exception {
    test((server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":0}}");
      http.get("/v1/jobs/" + created.jobId() + "?wait=5");

      // When
      HttpResponse<String> cancel = http.delete("/v1/jobs/" + created.jobId());

      // Then
      assertThat(cancel.statusCode()).isEqualTo(409);
      assertThat(TestHttp.job(cancel).status()).isEqualTo(JobStatus.COMPLETED);
    });
  }

  @Test
  void sameSeedGivesTheSameDurationsAndOutcomes() throws Exception {
    // Given
    ServerConfig.Builder config = ServerConfig.builder().minDelay(Duration.ofMillis(50))
        .maxDelay(Duration.ofMillis(250)).errorProbability(0.5).seed(7L);

    // When
    List<String> first = runJobs(config);
    List<String> second = runJobs(config);
    List<String> otherSeed = runJobs(config.seed(8L));

    // Then
    assertThat(first).hasSize(8).isEqualTo(second).isNotEqualTo(otherSeed);
  }

  private List<String> runJobs(ServerConfig.Builder config) throws Exception {
    // a seeded run repeats on a fresh store: the creation sequence comes from the store
    emptyTheStore();
    List<String> fates = new ArrayList<>();
    test(config, (server, http) -> {
      List<Job> jobs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        jobs.add(http.create("{}"));
      }
      for (Job job : jobs) {
        Job done = TestHttp.job(http.get("/v1/jobs/" + job.jobId() + "?wait=5"));
        fates.add(Duration.between(done.createdAt(), done.completedAt()).toMillis() + " " + done.status());
      }
    });
    return fates;
  }

  @Test
  void oldestEndedJobsAreEvictedAtTheCap() throws Exception {
    test(ServerTesting.fastConfig().maxJobs(2), (server, http) -> {
      // Given
      Job first = http.create("{\"simulate\":{\"duration_ms\":0}}");
      Job second = http.create("{\"simulate\":{\"duration_ms\":20}}");
      http.get("/v1/jobs/" + second.jobId() + "?wait=5");
      await().atMost(Duration.ofSeconds(2)).until(() ->
          TestHttp.job(http.get("/v1/jobs/" + first.jobId())).isTerminal());

      // When
      Job third = http.create("{}");

      // Then
      assertThat(http.get("/v1/jobs/" + first.jobId()).statusCode()).isEqualTo(404);
      assertThat(http.get("/v1/jobs/" + second.jobId()).statusCode()).isEqualTo(200);
      assertThat(http.get("/v1/jobs/" + third.jobId()).statusCode()).isEqualTo(200);
      assertThat(server.stats().jobsEvicted()).isEqualTo(1);
      assertThat(http.get("/metrics").body()).contains("vtstatus_jobs_evicted_total 1.0");
    });
  }

  @Test
  void fullOfPendingJobsAnswers503() throws Exception {
    test(ServerTesting.fastConfig().maxJobs(1), (server, http) -> {
      // Given
      http.create("{\"simulate\":{\"duration_ms\":10000}}");

      // When
      HttpResponse<String> response = http.post("/v1/jobs", "{}");

      // Then
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    });
  }
}
