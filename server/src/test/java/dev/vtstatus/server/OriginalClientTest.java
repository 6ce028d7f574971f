package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The original Python client's requests, as {@code requests} sends them, against the seed routes:
 * it creates with {@code POST /job} (with no body, a form or plain text: it never sent JSON that
 * mattered), polls {@code GET /status/{id}} until the result is not {@code pending}, and a job the
 * server does not know must end its loop at once with the original server's answer.
 */
class OriginalClientTest {
  private static final JsonNode NOT_FOUND = JsonNodeFactory.instance.objectNode()
      .put("result", "error").put("message", "Job not found");

  /** Bodies a Python caller may post: none ({@code requests.post(url)}), a form, plain text, JSON. */
  static Stream<Arguments> createBodies() {
    return Stream.of(
        Arguments.of("none", null, ""),
        Arguments.of("form", "application/x-www-form-urlencoded", "video=talk.mp4&lang=es"),
        Arguments.of("text", "text/plain", "please translate"),
        Arguments.of("json with unknown fields", "application/json", "{\"video\": \"talk.mp4\", \"simulate\": 3}"));
  }

  private static HttpRequest.Builder python(TestHttp http, String path) {
    return http.request(path).header("User-Agent", "python-requests/2.32.3").header("Accept", "*/*");
  }

  @ParameterizedTest(name = "create body: {0}")
  @MethodSource("createBodies")
  void theOriginalClientsRequestsGetTheOriginalServersAnswers(String name, String type, String body) throws Exception {
    test((server, http) -> {
      // Given: the create, as the original client sends it
      HttpRequest.Builder create = python(http, "/job").POST(HttpRequest.BodyPublishers.ofString(body));
      if (type != null) {
        create.header("Content-Type", type);
      }
      HttpResponse<String> created = http.send(create.build());

      // Then: 201 with the id and pending
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      Map<?, ?> job = TestHttp.read(created.body(), Map.class);
      assertThat(job.get("status")).isEqualTo("pending");
      String id = (String) job.get("job_id");

      // When: it polls until the result is not pending
      HttpResponse<String> first = http.send(python(http, "/status/" + id).GET().build());
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(TestHttp.read(first.body(), Map.class).get("result")).isIn("pending", "completed");
      await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(TestHttp.read(
          http.send(python(http, "/status/" + id).GET().build()).body(), Map.class).get("result")).isEqualTo("completed"));

      // And: an id the server does not know ends the loop at once, as the original server made it
      for (String unknown : new String[] {"abc", "3f6c9a0e-5b7d-4c1e-9f00-1d2e3f4a5b6c"}) {
        HttpResponse<String> missing = http.send(python(http, "/status/" + unknown).GET().build());
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(TestHttp.tree(missing)).isEqualTo(NOT_FOUND);
        HttpResponse<String> byQuery = http.send(python(http, "/status?job_id=" + unknown).GET().build());
        assertThat(byQuery.statusCode()).isEqualTo(200);
        assertThat(TestHttp.tree(byQuery)).isEqualTo(NOT_FOUND);
      }
    });
  }
}
