package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.Job;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With API keys configured, a job belongs to the key that created it, on every store. */
class TenantTest extends AcrossStores {
  private static final String A = "key-a";
  private static final String B = "key-b";
  private static final Duration BOUND = Duration.ofSeconds(5);

  private static ServerConfig.Builder twoTenants() {
    return ServerTesting.fastConfig().apiKeys(Set.of(A, B));
  }

  /** Creates a job with {@code key}, expecting 201 (or 200 for a repeat), and returns it. */
  static Job create(TestHttp http, String key, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "X-Api-Key";
    all[1] = key;
    System.arraycopy(headers, 0, all, 2, headers.length);
    HttpResponse<String> answer = http.post("/v1/jobs", body, all);
    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
    return TestHttp.job(answer);
  }

  @Test
  void anotherKeySeesAnotherKeysJobAsUnknownOnEveryRoute() throws Exception {
    test(twoTenants(), (server, http) -> {
      // Given
      Job job = create(http, A, "{\"simulate\":{\"duration_ms\":60000}}");
      String unknown = "00000000-0000-4000-8000-000000000000";
      String path = "/v1/jobs/" + job.jobId();

      // When / Then: B gets what an unknown id gets
      HttpResponse<String> read = http.get(path, "X-Api-Key", B);
      HttpResponse<String> missing = http.get("/v1/jobs/" + unknown, "X-Api-Key", B);
      assertThat(read.statusCode()).isEqualTo(404);
      assertThat(TestHttp.tree(read).get("type")).isEqualTo(TestHttp.tree(missing).get("type"));
      assertThat(http.get(path + "?wait=1", "X-Api-Key", B).statusCode()).isEqualTo(404);
      assertThat(http.delete(path, "X-Api-Key", B).statusCode()).isEqualTo(404);
      assertThat(http.get(path + "/events", "X-Api-Key", B).statusCode()).isEqualTo(404);
      assertThat(http.get("/status/" + job.jobId(), "X-Api-Key", B).body())
          .isEqualTo(http.get("/status/" + unknown, "X-Api-Key", B).body());
      JsonNode batch = TestHttp.tree(http.get("/v1/jobs?ids=" + job.jobId(), "X-Api-Key", B));
      assertThat(batch.get("jobs")).isEmpty();
      assertThat(batch.get("not_found").get(0).asText()).isEqualTo(job.jobId());

      // And A still sees and cancels its own job
      assertThat(http.get(path, "X-Api-Key", A).statusCode()).isEqualTo(200);
      assertThat(http.delete(path, "X-Api-Key", A).statusCode()).isEqualTo(202);
    });
  }

  @Test
  void aKeysEventStreamNeverCarriesAnotherKeysJobs() throws Exception {
    test(twoTenants(), (server, http) -> {
      Job ofA;
      Job ofB;
      try (RecordingEventStream streamA = RecordingEventStream.open(http, "/v1/events", "X-Api-Key", A);
          RecordingEventStream streamB = RecordingEventStream.open(http, "/v1/events", "X-Api-Key", B)) {
        await().atMost(BOUND).until(() -> server.stats().openEventStreams() == 2);

        // When
        ofA = create(http, A, "{\"simulate\":{\"duration_ms\":20}}");
        ofB = create(http, B, "{\"simulate\":{\"duration_ms\":20}}");

        // Then each stream carries only its own key's job, created and ended
        await().atMost(BOUND).until(() -> streamB.jobEvents(ofB.jobId()).size() == 2
            && streamA.jobEvents(ofA.jobId()).size() == 2);
        assertThat(streamB.jobEvents(ofA.jobId())).isEmpty();
        assertThat(streamA.jobEvents(ofB.jobId())).isEmpty();
      }
      // nor does a replay
      try (RecordingEventStream replay = RecordingEventStream.open(http, "/v1/events", "X-Api-Key", B, "Last-Event-ID", "0")) {
        await().atMost(BOUND).until(() -> replay.jobEvents(ofB.jobId()).size() == 2);
        assertThat(replay.jobEvents(ofA.jobId())).isEmpty();
      }
    });
  }

  @Test
  void idempotencyKeysAreScopedPerApiKey() throws Exception {
    test(twoTenants(), (server, http) -> {
      // Given
      Job first = create(http, A, "{\"video_url\":\"https://v.example/a\"}", "Idempotency-Key", "same");

      // When B uses the same idempotency key with another body
      HttpResponse<String> other = http.post("/v1/jobs", "{\"video_url\":\"https://v.example/b\"}",
          "X-Api-Key", B, "Idempotency-Key", "same");

      // Then B gets a job of its own, and A's repeat still finds A's job
      assertThat(other.statusCode()).isEqualTo(201);
      assertThat(TestHttp.job(other).jobId()).isNotEqualTo(first.jobId());
      HttpResponse<String> repeat = http.post("/v1/jobs", "{\"video_url\":\"https://v.example/a\"}",
          "X-Api-Key", A, "Idempotency-Key", "same");
      assertThat(repeat.statusCode()).isEqualTo(200);
      assertThat(TestHttp.job(repeat).jobId()).isEqualTo(first.jobId());
    });
  }

  @Test
  void eachKeyGetsAShareOfThePendingJobCap() throws Exception {
    test(twoTenants().maxJobs(10), (server, http) -> {
      // Given A holds its share of pending jobs
      for (int i = 0; i < 5; i++) {
        create(http, A, "{\"simulate\":{\"duration_ms\":600000}}");
      }

      // When A asks for one more, and B for its first
      HttpResponse<String> more = http.post("/v1/jobs", "{\"simulate\":{\"duration_ms\":600000}}", "X-Api-Key", A);
      HttpResponse<String> ofB = http.post("/v1/jobs", "{}", "X-Api-Key", B);

      // Then A is told to wait, and B is served
      assertThat(more.statusCode()).isEqualTo(429);
      assertThat(more.headers().firstValue("Retry-After")).isPresent();
      assertThat(TestHttp.tree(more).get("detail").asText()).contains("5 pending jobs");
      assertThat(ofB.statusCode()).isEqualTo(201);
    });
  }

  @Test
  void theAdminKeySeesEveryTenantsJobsAndNoTenantSeesTheAdminsOwn() throws Exception {
    test(twoTenants().adminKey("admin-key"), (server, http) -> {
      // Given
      Job ofA = create(http, A, "{}");
      Job ofAdmin = create(http, "admin-key", "{}");

      // When / Then
      assertThat(http.get("/v1/jobs/" + ofA.jobId(), "X-Api-Key", "admin-key").statusCode()).isEqualTo(200);
      assertThat(http.get("/v1/jobs/" + ofAdmin.jobId(), "X-Api-Key", A).statusCode()).isEqualTo(404);
      assertThat(http.get("/v1/jobs/" + ofAdmin.jobId(), "X-Api-Key", "admin-key").statusCode()).isEqualTo(200);
    });
  }

  @Test
  void withoutKeysEveryoneSeesEveryJob() throws Exception {
    test((server, http) -> {
      Job job = http.create("{}");
      HttpResponse<String> read = http.send(http.request("/v1/jobs/" + job.jobId())
          .header("X-Api-Key", "anything").GET().build());
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(http.send(http.request("/v1/jobs/" + job.jobId()).DELETE().build()).statusCode()).isEqualTo(202);
    });
  }
}
