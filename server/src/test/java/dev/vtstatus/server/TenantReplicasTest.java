package dev.vtstatus.server;

import static dev.vtstatus.server.TenantTest.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.protocol.Job;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tenants on three replicas of one Redis: what one key may see and hold is the same on every replica. */
class TenantReplicasTest {
  private static final String A = "key-a";
  private static final String B = "key-b";
  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final String LONG = "{\"simulate\":{\"duration_ms\":600000}}";
  @RegisterExtension
  static final RedisPerClass REDIS = new RedisPerClass();

  private static Replicas three(int maxJobs) {
    return new Replicas(ServerTesting.fastConfig().apiKeys(Set.of(A, B)).maxJobs(maxJobs), REDIS.get().url(), 3);
  }

  @Test
  void aKeysStreamOnOneReplicaNeverCarriesAnotherKeysJobCreatedOnAnother() throws Exception {
    try (Replicas replicas = three(100)) {
      Job ofA;
      Job ofB;
      try (RecordingEventStream streamB = RecordingEventStream.open(replicas.http(1), "/v1/events", "X-Api-Key", B)) {
        await().atMost(BOUND).until(() -> replicas.get(1).stats().openEventStreams() == 1);

        // When A creates a job on replica 0 and B one on replica 2, both ending soon
        ofA = create(replicas.http(0), A, "{\"simulate\":{\"duration_ms\":20}}");
        ofB = create(replicas.http(2), B, "{\"simulate\":{\"duration_ms\":20}}");

        // Then B's stream on replica 1 carries B's job, created and ended, and nothing of A's
        await().atMost(BOUND).until(() -> streamB.jobEvents(ofB.jobId()).size() == 2);
        assertThat(streamB.jobEvents(ofA.jobId())).isEmpty();
      }

      // nor does a replay on replica 2, and A's ended job reads as unknown to B on every replica
      try (RecordingEventStream replay =
          RecordingEventStream.open(replicas.http(2), "/v1/events", "X-Api-Key", B, "Last-Event-ID", "0")) {
        await().atMost(BOUND).until(() -> replay.jobEvents(ofB.jobId()).size() == 2);
        assertThat(replay.jobEvents(ofA.jobId())).isEmpty();
      }
      await().atMost(BOUND).until(() -> replicas.http(0).get("/v1/jobs/" + ofA.jobId(), "X-Api-Key", A)
          .body().contains("\"completed_at\":\""));
      for (int i = 0; i < 3; i++) {
        assertThat(replicas.http(i).get("/v1/jobs/" + ofA.jobId(), "X-Api-Key", B).statusCode()).isEqualTo(404);
        assertThat(replicas.http(i).get("/v1/jobs/" + ofA.jobId(), "X-Api-Key", A).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void eachKeysShareOfPendingJobsIsCountedAcrossReplicas() throws Exception {
    try (Replicas replicas = three(10)) {
      // Given A holds its share of five pending jobs, created on all three replicas
      Job first = null;
      for (int i = 0; i < 5; i++) {
        Job job = create(replicas.http(i % 3), A, LONG);
        first = first == null ? job : first;
      }

      // When A asks for one more on each replica, and B for its first
      // Then A is told to wait everywhere, and B is served
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> more = replicas.http(i).post("/v1/jobs", LONG, "X-Api-Key", A);
        assertThat(more.statusCode()).isEqualTo(429);
        assertThat(TestHttp.tree(more).get("detail").asText()).contains("5 pending jobs");
      }
      assertThat(replicas.http(1).post("/v1/jobs", LONG, "X-Api-Key", B).statusCode()).isEqualTo(201);

      // And once one of A's jobs is canceled on another replica, A may create one again
      assertThat(replicas.http(2).delete("/v1/jobs/" + first.jobId(), "X-Api-Key", A).statusCode()).isEqualTo(202);
      assertThat(replicas.http(0).post("/v1/jobs", LONG, "X-Api-Key", A).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void idempotencyKeysAreScopedPerApiKeyOnEveryReplica() throws Exception {
    try (Replicas replicas = three(100)) {
      // Given
      Job first = create(replicas.http(0), A, "{\"video_url\":\"https://v.example/a\"}", "Idempotency-Key", "same");

      // When B uses the same idempotency key with another body, on another replica
      HttpResponse<String> other = replicas.http(1).post("/v1/jobs", "{\"video_url\":\"https://v.example/b\"}",
          "X-Api-Key", B, "Idempotency-Key", "same");

      // Then B gets a job of its own, and A's repeat on a third replica still finds A's job
      assertThat(other.statusCode()).isEqualTo(201);
      assertThat(TestHttp.job(other).jobId()).isNotEqualTo(first.jobId());
      HttpResponse<String> repeat = replicas.http(2).post("/v1/jobs", "{\"video_url\":\"https://v.example/a\"}",
          "X-Api-Key", A, "Idempotency-Key", "same");
      assertThat(repeat.statusCode()).isEqualTo(200);
      assertThat(TestHttp.job(repeat).jobId()).isEqualTo(first.jobId());
    }
  }
}
