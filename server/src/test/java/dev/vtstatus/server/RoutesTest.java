package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.Capabilities;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobBatch;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Protocol;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RoutesTest extends AcrossStores {

  @Test
  void healthzAnswersOk() throws Exception {
    test((server, http) -> {
      // When
      HttpResponse<String> response = http.get("/healthz");

      // Then
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(TestHttp.tree(response).get("status").asText()).isEqualTo("ok");
    });
  }

  @Test
  void seedCreateAndStatusRoutesFollowTheJobToItsEnd() throws Exception {
    test((server, http) -> {
      // Given
      HttpResponse<String> created = http.post("/job", "{}");
      HttpResponse<String> createdPlural = http.post("/jobs", "");
      String id = TestHttp.tree(created).get("job_id").asText();

      // When
      HttpResponse<String> byPath = http.get("/status/" + id);
      HttpResponse<String> byQuery = http.get("/status?job_id=" + id);

      // Then
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(TestHttp.tree(created).get("status").asText()).isEqualTo("pending");
      assertThat(createdPlural.statusCode()).isEqualTo(201);
      assertThat(TestHttp.tree(byPath).get("result").asText()).isEqualTo("pending");
      assertThat(TestHttp.tree(byQuery).get("result").asText()).isEqualTo("pending");
      await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
          assertThat(TestHttp.tree(http.get("/status/" + id)).get("result").asText()).isEqualTo("completed"));
    });
  }

  @Test
  void seedStatusWithoutIdReadsTheDefaultJob() throws Exception {
    test((server, http) -> {
      // When
      HttpResponse<String> first = http.get("/status");

      // Then
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(TestHttp.tree(first).get("result").asText()).isIn("pending", "completed");
      await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
          assertThat(TestHttp.tree(http.get("/status")).get("result").asText()).isEqualTo("completed"));
    });
  }

  @Test
  void seedStatusOfUnknownJobIsTheOriginalServersAnswerAndVersionOneStays404() throws Exception {
    test((server, http) -> {
      // When
      HttpResponse<String> seed = http.get("/status/no-such-job");
      HttpResponse<String> v1 = http.get("/v1/jobs/3f6c9a0e-5b7d-4c1e-9f00-1d2e3f4a5b6c");

      // Then
      assertThat(seed.statusCode()).isEqualTo(200);
      assertThat(TestHttp.tree(seed)).isEqualTo(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
          .objectNode().put("result", "error").put("message", "Job not found"));
      assertThat(v1.statusCode()).isEqualTo(404);
      assertThat(TestHttp.tree(v1).get("type").asText()).isEqualTo("urn:vtstatus:problem:not-found");
    });
  }

  @Test
  void seedStatusShowsACanceledJobAsErrorWithMessage() throws Exception {
    test((server, http) -> {
      // Given
      Job job = http.create("{\"simulate\":{\"duration_ms\":5000}}");
      http.delete("/v1/jobs/" + job.jobId());

      // When
      JsonNode seed = TestHttp.tree(http.get("/status/" + job.jobId()));

      // Then
      assertThat(seed.get("result").asText()).isEqualTo("error");
      assertThat(seed.get("message").asText()).contains("canceled");
    });
  }

  @Test
  void createAnswers201WithLocationAndEchoesFields() throws Exception {
    test((server, http) -> {
      // When
      HttpResponse<String> response = http.post("/v1/jobs",
          "{\"source_language\":\"en\",\"target_language\":\"es\",\"video_url\":\"https://v.example/a.mp4\","
              + "\"metadata\":{\"k\":\"v\"}}",
          Protocol.TRACEPARENT_HEADER, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

      // Then
      Job job = TestHttp.job(response);
      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(response.headers().firstValue("Location")).hasValue("/v1/jobs/" + job.jobId());
      assertThat(response.headers().firstValue("traceparent").orElseThrow())
          .startsWith("00-0af7651916cd43dd8448eb211c80319c-");
      assertThat(job.status()).isEqualTo(JobStatus.PENDING);
      assertThat(job.sourceLanguage()).isEqualTo("en");
      assertThat(job.targetLanguage()).isEqualTo("es");
      assertThat(job.videoUrl()).isEqualTo("https://v.example/a.mp4");
      assertThat(job.metadata()).containsEntry("k", "v");
      assertThat(job.pollAfter()).isPositive();
    });
  }

  @Test
  void readKeepsTheCreatingTraceId() throws Exception {
    test((server, http) -> {
      // Given
      HttpResponse<String> created = http.post("/v1/jobs", "{}",
          Protocol.TRACEPARENT_HEADER, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
      String id = TestHttp.job(created).jobId();

      // When
      HttpResponse<String> read = http.get("/v1/jobs/" + id);

      // Then
      assertThat(read.headers().firstValue("traceparent").orElseThrow())
          .startsWith("00-0af7651916cd43dd8448eb211c80319c-");
    });
  }

  @Test
  void readOfPendingJobCarriesRetryAfterAndEstimates() throws Exception {
    test((server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":3000}}");

      // When
      HttpResponse<String> response = http.get("/v1/jobs/" + created.jobId());

      // Then
      Job job = TestHttp.job(response);
      assertThat(job.status()).isEqualTo(JobStatus.PENDING);
      assertThat(response.headers().firstValue("Retry-After")).hasValue(
          Long.toString(Math.max(1, (job.pollAfter().toMillis() + 999) / 1000)));
      assertThat(job.estimatedCompletionAt()).isBetween(
          created.createdAt().plusMillis(2000), created.createdAt().plusMillis(4000));
      assertThat(job.progress()).isBetween(0.0, 0.99);
      assertThat(job.completedAt()).isNull();
    });
  }

  @Test
  void readOfCompletedJobHasResultAndNoHints() throws Exception {
    test((server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":50,\"outcome\":\"completed\"}}");

      // When
      Job job = TestHttp.job(http.get("/v1/jobs/" + created.jobId() + "?wait=5"));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(job.result().videoUrl()).contains(job.jobId());
      assertThat(job.progress()).isEqualTo(1.0);
      assertThat(job.pollAfter()).isNull();
      assertThat(job.estimatedCompletionAt()).isNull();
      assertThat(job.completedAt()).isEqualTo(job.createdAt().plusMillis(50));
    });
  }

  @Test
  void forcedErrorOutcomeEndsInErrorWithCode() throws Exception {
    test((server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":50,\"outcome\":\"error\"}}");

      // When
      Job job = TestHttp.job(http.get("/v1/jobs/" + created.jobId() + "?wait=5"));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.ERROR);
      assertThat(job.error().code()).isEqualTo("translation_failed");
      assertThat(job.result()).isNull();
    });
  }

  @Test
  void readOfUnknownJobIs404Problem() throws Exception {
    test((server, http) -> {
      // When
      HttpResponse<String> response = http.get("/v1/jobs/3f6c0000-0000-4000-8000-000000000000");

      // Then
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(TestHttp.tree(response).get("type").asText()).isEqualTo("urn:vtstatus:problem:not-found");
    });
  }

  @Test
  void batchReadAnswersFoundJobsInOrderAndNotFound() throws Exception {
    test((server, http) -> {
      // Given
      Job a = http.create("{}");
      Job b = http.create("{}");
      String missing = "3f6c0000-0000-4000-8000-000000000000";

      // When
      HttpResponse<String> response =
          http.get("/v1/jobs?ids=" + b.jobId() + "," + missing + "," + a.jobId() + ",not-an-id");

      // Then
      JobBatch batch = TestHttp.read(response.body(), JobBatch.class);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(batch.jobs()).extracting(Job::jobId).containsExactly(b.jobId(), a.jobId());
      assertThat(batch.notFound()).containsExactly(missing, "not-an-id");
    });
  }

  @Test
  void batchReadRejectsMoreThanMaxBatchIds() throws Exception {
    test((server, http) -> {
      // Given
      StringBuilder ids = new StringBuilder();
      for (int i = 0; i <= Protocol.MAX_BATCH; i++) {
        ids.append(i == 0 ? "" : ",").append("id").append(i);
      }

      // When
      HttpResponse<String> response = http.get("/v1/jobs?ids=" + ids);

      // Then
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(TestHttp.tree(response).get("detail").asText()).contains("ids");
    });
  }

  @Test
  void capabilitiesListEveryFeatureAndLimits() throws Exception {
    test(ServerTesting.fastConfig().maxWait(Duration.ofSeconds(20)), (server, http) -> {
      // When
      HttpResponse<String> response = http.get("/v1/capabilities");

      // Then
      Capabilities capabilities = TestHttp.read(response.body(), Capabilities.class);
      assertThat(capabilities.features()).containsExactlyElementsOf(Protocol.FEATURES);
      assertThat(capabilities.maxWait()).isEqualTo(Duration.ofSeconds(20));
      assertThat(capabilities.maxBatch()).isEqualTo(Protocol.MAX_BATCH);
    });
  }

  @Test
  void metricsExposePrometheusCounters() throws Exception {
    test((server, http) -> {
      // Given
      http.create("{}");
      http.get("/healthz");

      // When
      HttpResponse<String> response = http.get("/metrics");

      // Then the client's job and the default job are counted as created
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .contains("vtstatus_jobs_total{event=\"created\"} 2.0")
          .contains("vtstatus_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1.0")
          .contains("vtstatus_long_polls_parked")
          .contains("vtstatus_event_streams_open");
    });
  }

  @Test
  void statsCountRequestsByKind() throws Exception {
    test((server, http) -> {
      // Given
      Job job = http.create("{}");
      http.post("/job", "{}");
      http.get("/v1/jobs/" + job.jobId());
      http.get("/status/" + job.jobId());
      http.get("/healthz");
      http.get("/v1/capabilities");
      http.get("/v1/jobs/not-an-id");

      // When
      ServerStats stats = server.stats();

      // Then
      assertThat(stats.createRequests()).isEqualTo(2);
      assertThat(stats.statusRequests()).isEqualTo(3);
      assertThat(stats.totalRequests()).isEqualTo(7);
      assertThat(stats.jobsCreated()).isEqualTo(2);
      assertThat(stats.retainedJobs()).isEqualTo(3);
    });
  }

  @Test
  void startOnABusyPortNamesThePort() throws Exception {
    test((server, http) -> {
      // Given
      JobServer second = JobServer.create(ServerConfig.builder().port(server.port()).build());

      // When / Then
      org.assertj.core.api.Assertions.assertThatThrownBy(second::start)
          .isInstanceOf(ServerStartException.class)
          .hasMessageContaining("127.0.0.1:" + server.port())
          .hasMessageContaining("in use");
      second.close();
    });
  }

  @Test
  void completedAtIsTheMomentOfTheTransition() throws Exception {
    test((server, http) -> {
      // Given
      Job created = http.create("{\"simulate\":{\"duration_ms\":120}}");

      // When
      Job job = TestHttp.job(http.get("/v1/jobs/" + created.jobId() + "?wait=5"));

      // Then
      assertThat(job.completedAt()).isEqualTo(created.createdAt().plusMillis(120));
      assertThat(job.updatedAt()).isEqualTo(job.completedAt());
      assertThat(Instant.now()).isAfterOrEqualTo(job.completedAt());
    });
  }
}
