package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.AdminStats;
import dev.vtstatus.protocol.Faults;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobList;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.testing.FakeClock;
import dev.vtstatus.testing.RecordingWebhookReceiver;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The admin routes: forced ends, faults at run time, job lists, counters and reset. */
class AdminRoutesTest {
  private static final String UNKNOWN = "/admin/jobs/3f6c9a0e-5b7d-4c1e-9f00-1d2e3f4a5b6c/complete";

  /** Jobs that would take an hour, so only a forced end finishes them in a test. */
  static ServerConfig.Builder hourLongJobs() {
    return ServerTesting.fastConfig().minDelay(Duration.ofHours(1)).maxDelay(Duration.ofHours(1));
  }

  @Test
  void completeEndsAPendingJobNowAndWakesItsLongPoll() throws Exception {
    test(hourLongJobs(), (server, http) -> {
      // Given
      Job job = http.create("{}");
      CompletableFuture<HttpResponse<String>> poll =
          CompletableFuture.supplyAsync(() -> http.get("/v1/jobs/" + job.jobId() + "?wait=30"));
      await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().parkedLongPolls() == 1);

      // When
      HttpResponse<String> forced = http.post("/admin/jobs/" + job.jobId() + "/complete", "");

      // Then
      assertThat(forced.statusCode()).isEqualTo(200);
      Job completed = TestHttp.job(forced);
      assertThat(completed.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(completed.completedAt()).isBefore(job.createdAt().plus(Duration.ofMinutes(1)));
      Job polled = TestHttp.job(poll.get());
      assertThat(polled.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(polled.completedAt()).isEqualTo(completed.completedAt());
    });
  }

  @Test
  void failTakesTheDefaultsOrTheCodeAndMessageGivenAndSendsTheWebhook() throws Exception {
    try (RecordingWebhookReceiver receiver = RecordingWebhookReceiver.start()) {
      test(hourLongJobs(), (server, http) -> {
        // Given
        Job plain = http.create("{}");
        Job custom = http.create("{\"callback_url\":\"" + receiver.url() + "\"}");

        // When
        Job plainFailed = TestHttp.job(http.post("/admin/jobs/" + plain.jobId() + "/fail", ""));
        Job customFailed = TestHttp.job(http.post("/admin/jobs/" + custom.jobId() + "/fail",
            "{\"code\":\"bad_audio\",\"message\":\"no speech found\"}"));

        // Then
        assertThat(plainFailed.status()).isEqualTo(JobStatus.ERROR);
        assertThat(plainFailed.error().code()).isEqualTo("translation_failed");
        assertThat(plainFailed.error().message()).isEqualTo("the simulated translation failed");
        assertThat(customFailed.error().code()).isEqualTo("bad_audio");
        assertThat(customFailed.error().message()).isEqualTo("no speech found");
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries().size() == 1);
        RecordingWebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
        assertThat(OpenApiContract.document().checkWebhook(delivery.headers(), delivery.body())).isEmpty();
        assertThat(TestHttp.read(delivery.body(), Job.class).error().code()).isEqualTo("bad_audio");
      });
    }
  }

  @Test
  void aJobEndsOnceWhicheverOfCancelAndForcedEndComesFirst() throws Exception {
    test(hourLongJobs(), (server, http) -> {
      // Given
      Job canceledFirst = http.create("{}");
      Job forcedFirst = http.create("{}");
      http.delete("/v1/jobs/" + canceledFirst.jobId());
      http.post("/admin/jobs/" + forcedFirst.jobId() + "/fail", "");

      // When
      HttpResponse<String> completeCanceled = http.post("/admin/jobs/" + canceledFirst.jobId() + "/complete", "");
      HttpResponse<String> cancelForced = http.delete("/v1/jobs/" + forcedFirst.jobId());
      HttpResponse<String> completeForced = http.post("/admin/jobs/" + forcedFirst.jobId() + "/complete", "");

      // Then
      assertThat(completeCanceled.statusCode()).isEqualTo(409);
      assertThat(TestHttp.job(completeCanceled).status()).isEqualTo(JobStatus.CANCELED);
      assertThat(cancelForced.statusCode()).isEqualTo(409);
      assertThat(completeForced.statusCode()).isEqualTo(409);
      assertThat(TestHttp.job(completeForced).status()).isEqualTo(JobStatus.ERROR);
    });
  }

  @Test
  void aForcedEndAtThePlannedEndFindsThePlannedOutcomeDecided() throws Exception {
    FakeClock clock = new FakeClock();
    test(ServerTesting.fastConfig().clock(clock), (server, http) -> {
      // Given a job planned to fail in one second, and the clock past it
      Job job = http.create("{\"simulate\":{\"duration_ms\":1000,\"outcome\":\"error\"}}");
      clock.advance(Duration.ofSeconds(2));

      // When
      HttpResponse<String> forced = http.post("/admin/jobs/" + job.jobId() + "/complete", "");

      // Then
      assertThat(forced.statusCode()).isEqualTo(409);
      Job ended = TestHttp.job(forced);
      assertThat(ended.status()).isEqualTo(JobStatus.ERROR);
      assertThat(ended.completedAt()).isEqualTo(job.createdAt().plusSeconds(1));
    });
  }

  @Test
  void unknownMalformedAndBadlyAskedForcedEndsAreRefused() throws Exception {
    test(hourLongJobs(), (server, http) -> {
      // Given
      String id = http.create("{}").jobId();

      // When / Then
      assertThat(http.post(UNKNOWN, "").statusCode()).isEqualTo(404);
      assertThat(http.post("/admin/jobs/not-an-id/complete", "").statusCode()).isEqualTo(400);
      HttpResponse<String> unknownField = http.post("/admin/jobs/" + id + "/fail", "{\"reason\":\"x\"}");
      assertThat(unknownField.statusCode()).isEqualTo(400);
      assertThat(TestHttp.tree(unknownField).get("detail").asText()).contains("reason");
      assertThat(http.post("/admin/jobs/" + id + "/fail", "{\"code\":\"" + "x".repeat(101) + "\"}").statusCode())
          .isEqualTo(400);
      assertThat(http.send(http.request("/admin/jobs/" + id + "/fail").header("Content-Type", "text/plain")
          .POST(HttpRequest.BodyPublishers.ofString("code=x")).build()).statusCode()).isEqualTo(415);
      assertThat(TestHttp.job(http.get("/v1/jobs/" + id)).status()).isEqualTo(JobStatus.PENDING);
    });
  }

  @Test
  void listShowsJobsNewestFirstFilteredAndLimited() throws Exception {
    test(hourLongJobs(), (server, http) -> {
      // Given
      Job first = http.create("{}");
      Job second = http.create("{}");
      Job third = http.create("{}");
      http.post("/admin/jobs/" + second.jobId() + "/complete", "");

      // When
      JobList all = TestHttp.read(http.get("/admin/jobs").body(), JobList.class);
      JobList pending = TestHttp.read(http.get("/admin/jobs?status=pending&limit=2").body(), JobList.class);
      JobList completed = TestHttp.read(http.get("/admin/jobs?status=completed").body(), JobList.class);

      // Then: the default job is the oldest
      assertThat(all.jobs()).hasSize(4).extracting(Job::jobId).startsWith(third.jobId(), second.jobId(), first.jobId());
      assertThat(pending.jobs()).extracting(Job::jobId).containsExactly(third.jobId(), first.jobId());
      assertThat(completed.jobs()).extracting(Job::jobId).containsExactly(second.jobId());
      assertThat(http.get("/admin/jobs?limit=0").statusCode()).isEqualTo(400);
      assertThat(http.get("/admin/jobs?limit=1001").statusCode()).isEqualTo(400);
      assertThat(http.get("/admin/jobs?status=done").statusCode()).isEqualTo(400);
    });
  }

  @Test
  void faultsChangeAtRunTimeButNeverReachTheAdminRoutes() throws Exception {
    test(hourLongJobs().faultLatency(Duration.ofMillis(1)), (server, http) -> {
      // Given
      Faults configured = TestHttp.read(http.get("/admin/faults").body(), Faults.class);

      // When
      HttpResponse<String> changed = http.put("/admin/faults", "{\"fault_rate\":1.0,\"rate_limit\":500}");
      int serviceWhileOn = http.get("/v1/capabilities").statusCode();
      int adminWhileOn = http.get("/admin/faults").statusCode();
      HttpResponse<String> off = http.put("/admin/faults", "{\"fault_rate\":0,\"rate_limit\":null}");

      // Then
      assertThat(configured).isEqualTo(Faults.NONE.withFaultLatency(Duration.ofMillis(1)));
      assertThat(TestHttp.read(changed.body(), Faults.class))
          .isEqualTo(configured.withFaultRate(1.0).withRateLimit(500.0));
      assertThat(serviceWhileOn).isEqualTo(503);
      assertThat(adminWhileOn).isEqualTo(200);
      assertThat(TestHttp.read(off.body(), Faults.class)).isEqualTo(configured);
      assertThat(http.get("/v1/capabilities").statusCode()).isEqualTo(200);
    });
  }

  @Test
  void badFaultValuesAreRefusedNamingTheField() throws Exception {
    test(hourLongJobs(), (server, http) -> {
      // When
      HttpResponse<String> share = http.put("/admin/faults", "{\"drop_rate\":1.5}");
      HttpResponse<String> latency = http.put("/admin/faults", "{\"fault_latency_ms\":-1}");
      HttpResponse<String> unknown = http.put("/admin/faults", "{\"faultrate\":0.1}");
      HttpResponse<String> empty = http.put("/admin/faults", "");

      // Then
      assertThat(TestHttp.tree(share).get("detail").asText()).contains("drop_rate");
      assertThat(TestHttp.tree(latency).get("detail").asText()).contains("fault_latency_ms");
      assertThat(TestHttp.tree(unknown).get("detail").asText()).contains("faultrate");
      assertThat(empty.statusCode()).isEqualTo(400);
      assertThat(TestHttp.read(http.get("/admin/faults").body(), Faults.class)).isEqualTo(Faults.NONE);
    });
  }

  @Test
  void statsCountWhatClientsDidButNotTheControl() throws Exception {
    test(hourLongJobs(), (server, http) -> {
      // Given
      Job first = http.create("{}");
      Job second = http.create("{}");
      http.get("/v1/jobs/" + first.jobId());
      http.delete("/v1/jobs/" + first.jobId());
      http.post("/admin/jobs/" + second.jobId() + "/fail", "");

      // When
      AdminStats stats = TestHttp.read(http.get("/admin/stats").body(), AdminStats.class);

      // Then: two creates, one read, one cancel
      assertThat(stats).isEqualTo(new AdminStats(2, 0, 1, 1, 3, 4, 0, 0));
    });
  }

  @Test
  void resetForgetsClientJobsRestoresFaultsAndRestartsTheCounters() throws Exception {
    test(hourLongJobs(), (server, http) -> {
      // Given
      Job job = http.create("{}");
      CompletableFuture<HttpResponse<String>> poll =
          CompletableFuture.supplyAsync(() -> http.get("/v1/jobs/" + job.jobId() + "?wait=30"));
      await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().parkedLongPolls() == 1);
      http.put("/admin/faults", "{\"fault_latency_ms\":5}");

      // When
      HttpResponse<String> reset = http.post("/admin/reset", "");

      // Then
      assertThat(reset.statusCode()).isEqualTo(204);
      assertThat(reset.body()).isEmpty();
      assertThat(TestHttp.job(poll.get()).status()).isEqualTo(JobStatus.PENDING);
      assertThat(http.get("/v1/jobs/" + job.jobId()).statusCode()).isEqualTo(404);
      assertThat(http.get("/status").statusCode()).isEqualTo(200);
      assertThat(TestHttp.read(http.get("/admin/jobs").body(), JobList.class).jobs()).hasSize(1);
      assertThat(TestHttp.read(http.get("/admin/faults").body(), Faults.class)).isEqualTo(Faults.NONE);
      AdminStats stats = TestHttp.read(http.get("/admin/stats").body(), AdminStats.class);
      assertThat(stats.jobsCreated()).isZero();
      assertThat(stats.requestsServed()).isEqualTo(2);
      assertThat(stats.jobsRetained()).isEqualTo(1);
      assertThat(http.create("{}").jobId()).isNotEqualTo(job.jobId());
    });
  }

  @Test
  void theServerServesItsOpenApiDocument() throws Exception {
    test(hourLongJobs(), (server, http) -> {
      // When
      HttpResponse<String> document = http.get("/openapi.yaml");

      // Then
      assertThat(document.statusCode()).isEqualTo(200);
      assertThat(document.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
      assertThat(document.body()).isEqualTo(Files.readString(Path.of("..", "docs", "openapi.yaml")));
    });
  }

  @Test
  void theSeedProtocolOnlyServerHasNoAdminRoutes() throws Exception {
    test(hourLongJobs().seedProtocolOnly(true), (server, http) -> {
      // When
      HttpResponse<String> admin = http.get("/admin/jobs");
      JsonNode problem = TestHttp.tree(admin);

      // Then
      assertThat(admin.statusCode()).isEqualTo(404);
      assertThat(problem.get("status").asInt()).isEqualTo(404);
      assertThat(http.get("/openapi.yaml").statusCode()).isEqualTo(404);
    });
  }
}
