package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

  @Test
  void faultRateAnswers503WithRetryAfterButHealthStaysUp() throws Exception {
    test(ServerTesting.fastConfig().faultRate(1.0), (server, http) -> {
      // When
      HttpResponse<String> response = http.post("/v1/jobs", "{}");

      // Then
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(TestHttp.tree(response).get("status").asInt()).isEqualTo(503);
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    });
  }

  @Test
  void rejectedRequestsAreCountedUnderTheirRoute() throws Exception {
    test(ServerTesting.fastConfig().faultRate(1.0), (server, http) -> {
      // Given
      String job = "/v1/jobs/3f6c0000-0000-4000-8000-000000000000";

      // When
      http.get(job);
      http.get(job + "/");
      http.post("/v1/jobs", "{}");
      http.get("/status/some-id");
      http.get("/no/such/route");

      // Then
      String metrics = http.get("/metrics").body();
      assertThat(metrics)
          .contains("vtstatus_http_requests_total{method=\"GET\",route=\"/v1/jobs/:id\",status=\"503\"} 2.0")
          .contains("vtstatus_http_requests_total{method=\"POST\",route=\"/v1/jobs\",status=\"503\"} 1.0")
          .contains("vtstatus_http_requests_total{method=\"GET\",route=\"/status/:id\",status=\"503\"} 1.0")
          .contains("vtstatus_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"503\"} 1.0");
    });
  }

  @Test
  void requestsWithoutAKeyAreCountedUnderTheirRoute() throws Exception {
    test(ServerTesting.fastConfig().apiKeys(Set.of("secret-key")), (server, http) -> {
      // When
      http.delete("/v1/jobs/3f6c0000-0000-4000-8000-000000000000");

      // Then
      assertThat(http.get("/metrics").body()).contains(
          "vtstatus_http_requests_total{method=\"DELETE\",route=\"/v1/jobs/:id\",status=\"401\"} 1.0");
    });
  }

  @Test
  void faultRateAnswersAboutThatShareWith503() throws Exception {
    test(ServerTesting.fastConfig().faultRate(0.3), (server, http) -> {
      // When
      int failures = 0;
      int requests = 300;
      for (int i = 0; i < requests; i++) {
        if (http.get("/v1/capabilities").statusCode() == 503) {
          failures++;
        }
      }

      // Then
      assertThat(failures / (double) requests).isBetween(0.15, 0.45);
    });
  }

  @Test
  void dropRateClosesTheConnectionWithoutAnAnswer() throws Exception {
    test(ServerTesting.fastConfig().dropRate(1.0), (server, http) -> {
      // When / Then
      assertThatThrownBy(() -> http.get("/v1/capabilities")).isInstanceOf(UncheckedIOException.class);
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    });
  }

  @Test
  void rateLimitAnswers429WithRetryAfter() throws Exception {
    test(ServerTesting.fastConfig().rateLimit(2), (server, http) -> {
      // When
      List<HttpResponse<String>> responses = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        responses.add(http.get("/v1/capabilities"));
      }

      // Then
      assertThat(responses.get(0).statusCode()).isEqualTo(200);
      HttpResponse<String> limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
      assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
      assertThat(TestHttp.tree(limited).get("type").asText()).isEqualTo("urn:vtstatus:problem:rate-limited");
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    });
  }

  @Test
  void faultLatencyDelaysEveryAnswer() throws Exception {
    test(ServerTesting.fastConfig().faultLatency(Duration.ofMillis(200)), (server, http) -> {
      // Given
      Instant start = Instant.now();

      // When
      HttpResponse<String> response = http.get("/v1/capabilities");
      HttpResponse<String> created = http.post("/v1/jobs", "{\"target_language\":\"fr\"}");

      // Then
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(TestHttp.job(created).targetLanguage()).isEqualTo("fr");
    });
  }
}
