package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.protocol.Job;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Memory is bounded by bytes, on every store: ended jobs go first, then creates are 503 until jobs end. */
class MemoryBudgetTest extends AcrossStores {
  private static final int BUDGET = 2 * 1024 * 1024;
  private static final String BIG = "{\"metadata\":{\"blob\":\"" + "m".repeat(60_000) + "\"},\"simulate\":{\"duration_ms\":%d}}";

  @Test
  void largeMetadataEvictsEndedJobsFirstThenRefusesWithRetryAfter() throws Exception {
    test(ServerTesting.fastConfig().memoryBudget(BUDGET), (server, http) -> {
      // Given ended jobs filling the budget
      Job first = http.create(String.format(BIG, 1));
      for (int i = 0; i < 40; i++) {
        http.create(String.format(BIG, 1));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().jobsEvicted() > 0);

      // Then the oldest ended job was evicted by bytes, long before the job cap
      assertThat(http.get("/v1/jobs/" + first.jobId()).statusCode()).isEqualTo(404);
      assertThat(server.stats().retainedJobs()).isLessThan(40);

      // When only pending jobs remain
      HttpResponse<String> refused = null;
      for (int i = 0; i < 100 && refused == null; i++) {
        HttpResponse<String> answer = http.post("/v1/jobs", String.format(BIG, 600_000));
        if (answer.statusCode() != 201) {
          refused = answer;
        }
      }

      // Then creates are 503 with Retry-After, and reads and small work go on
      assertThat(refused).isNotNull();
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(TestHttp.tree(refused).get("detail").asText()).contains("memory budget");
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(http.get("/v1/jobs?ids=" + first.jobId()).statusCode()).isEqualTo(200);
    });
  }
}
