package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthTest {
  private static ServerConfig.Builder withKeys() {
    return ServerTesting.fastConfig().apiKeys(Set.of("key-one", "key-two"));
  }

  @Test
  void missingKeyIs401Problem() throws Exception {
    test(withKeys(), (server, http) -> {
      // When
      HttpResponse<String> response = http.post("/v1/jobs", "{}");

      // Then
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(TestHttp.tree(response).get("detail").asText()).contains("X-Api-Key");
    });
  }

  @Test
  void wrongKeyIs401AndGivesNoJobData() throws Exception {
    test(withKeys(), (server, http) -> {
      // Given
      String id = TestHttp.job(http.post("/v1/jobs", "{}", "X-Api-Key", "key-one")).jobId();

      // When
      HttpResponse<String> response = http.get("/v1/jobs/" + id, "X-Api-Key", "key-on");
      HttpResponse<String> seed = http.get("/status/" + id);

      // Then
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).doesNotContain(id);
      assertThat(seed.statusCode()).isEqualTo(401);
    });
  }

  @Test
  void anyConfiguredKeyIsAcceptedAndSeesTheJobsItCreated() throws Exception {
    test(withKeys(), (server, http) -> {
      // When
      HttpResponse<String> first = http.post("/v1/jobs", "{}", "X-Api-Key", "key-one");
      HttpResponse<String> second = http.post("/v1/jobs", "{}", "X-Api-Key", "key-two");
      HttpResponse<String> own = http.get("/v1/jobs/" + TestHttp.job(second).jobId(), "X-Api-Key", "key-two");
      HttpResponse<String> other = http.get("/v1/jobs/" + TestHttp.job(first).jobId(), "X-Api-Key", "key-two");

      // Then
      assertThat(first.statusCode()).isEqualTo(201);
      assertThat(own.statusCode()).isEqualTo(200);
      assertThat(other.statusCode()).isEqualTo(404);
    });
  }

  @Test
  void healthCapabilitiesAndMetricsNeedNoKey() throws Exception {
    test(withKeys(), (server, http) -> {
      // When / Then
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(http.get("/v1/capabilities").statusCode()).isEqualTo(200);
      assertThat(http.get("/metrics").statusCode()).isEqualTo(200);
    });
  }
}
