package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check that every server test runs on its answers fails on answers that drift. */
class OpenApiContractTest {
  private static final OpenApiContract CONTRACT = OpenApiContract.document();
  private static final String JOB_PATH = "/v1/jobs/3f6c9a0e-5b7d-4c1e-9f00-1d2e3f4a5b6c";
  private static final String PENDING = "{\"job_id\":\"3f6c9a0e-5b7d-4c1e-9f00-1d2e3f4a5b6c\",\"status\":\"pending\","
      + "\"progress\":0.5,\"created_at\":\"2026-11-23T10:15:30.123Z\",\"updated_at\":\"2026-11-23T10:15:30.123Z\","
      + "\"completed_at\":null,\"estimated_completion_at\":\"2026-11-23T10:15:36.900Z\",\"poll_after_ms\":1200,"
      + "\"source_language\":null,\"target_language\":null,\"video_url\":null,\"metadata\":null}";

  private static HttpHeaders json(String type) {
    return HttpHeaders.of(Map.of("Content-Type", List.of(type)), (name, value) -> true);
  }

  @Test
  void aDocumentedAnswerPasses() {
    assertThatCode(() -> CONTRACT.check("GET", JOB_PATH, 200, json("application/json"), PENDING))
        .doesNotThrowAnyException();
  }

  @Test
  void aJobWithoutAStatusFails() {
    String body = PENDING.replace("\"status\":\"pending\",", "");

    assertThatThrownBy(() -> CONTRACT.check("GET", JOB_PATH, 200, json("application/json"), body))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("status");
  }

  @Test
  void aPendingJobWithAResultFails() {
    String body = PENDING.replace("\"metadata\":null", "\"metadata\":null,\"result\":{\"video_url\":\"x\"}");

    assertThatThrownBy(() -> CONTRACT.check("GET", JOB_PATH, 200, json("application/json"), body))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void anUndocumentedFieldFails() {
    String body = PENDING.replace("\"metadata\":null", "\"metadata\":null,\"eta\":3");

    assertThatThrownBy(() -> CONTRACT.check("GET", JOB_PATH, 200, json("application/json"), body))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("eta");
  }

  @Test
  void anUndeclaredContentTypeFails() {
    assertThatThrownBy(() -> CONTRACT.check("GET", JOB_PATH, 200, json("text/html"), "<p>hi</p>"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("content type text/html");
  }

  @Test
  void anUndocumentedRouteThatSucceedsFails() {
    assertThatThrownBy(() -> CONTRACT.check("GET", "/v2/jobs", 200, json("application/json"), "{}"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("not documented");
  }

  @Test
  void anUndocumentedStatusFails() {
    assertThatThrownBy(() -> CONTRACT.check("POST", "/admin/reset", 200, json("application/json"), "{}"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aMissingRequiredHeaderFails() {
    assertThatThrownBy(() -> CONTRACT.check("POST", "/v1/jobs", 201, json("application/json"), PENDING))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Location");
  }

  @Test
  void aTestHttpWithAMismatchingAnswerFailsItsCheck() {
    // Given
    TestHttp http = new TestHttp(URI.create("http://127.0.0.1:1"));
    HttpRequest request = http.request("/healthz").GET().build();
    http.record(request, 200, json("application/json"), "{\"status\":\"fine\"}");

    // When / Then
    assertThatThrownBy(http::checkAnswers)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("/healthz");
  }

  @Test
  void theServerAnswersOfEveryKindMatch() throws Exception {
    test((server, http) -> {
      // When: TestHttp checks each answer as it arrives
      String id = http.create("{}").jobId();
      HttpResponse<String> read = http.get("/v1/jobs/" + id);
      HttpResponse<String> unknownRoute = http.get("/v2/nothing");
      HttpResponse<String> wrongMethod = http.delete("/v1/capabilities");

      // Then
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(unknownRoute.statusCode()).isEqualTo(404);
      assertThat(wrongMethod.statusCode()).isEqualTo(405);
    });
  }
}
