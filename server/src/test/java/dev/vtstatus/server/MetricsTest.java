package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /metrics} as a Prometheus user reads it: lint-clean, with latency, JVM and process figures. */
class MetricsTest {

  @Test
  void exposedMetricsLintCleanWithPromtool() throws Exception {
    ServerTesting.test((server, http) -> {
      // Given a server that has served every kind of request, errors and long polls included
      exerciseEveryRoute(http);

      // When promtool checks what /metrics answers
      String report = ExternalTools.promtoolCheckMetrics(http.get("/metrics").body());

      // Then it reports nothing
      assertThat(report).isEmpty();
    });
  }

  @Test
  void requestDurationsAreAHistogramPerRoute() throws Exception {
    ServerTesting.test((server, http) -> {
      // Given
      String id = http.create("{}").jobId();
      http.get("/v1/jobs/" + id);
      http.get("/v1/jobs/" + id + "?wait=0");

      // When
      String text = http.get("/metrics").body();

      // Then each route has buckets, a sum and a count, labelled like the request counter
      assertThat(text).contains("# TYPE vtstatus_http_request_duration_seconds histogram");
      assertThat(sample(text, "vtstatus_http_request_duration_seconds_count",
          "method=\"GET\",route=\"/v1/jobs/:id\",status=\"200\"")).isEqualTo(2);
      assertThat(sample(text, "vtstatus_http_request_duration_seconds_bucket",
          "le=\"+Inf\",method=\"POST\",route=\"/v1/jobs\",status=\"201\"")).isEqualTo(1);
      assertThat(text).contains("vtstatus_http_request_duration_seconds_sum{");
    });
  }

  @Test
  void jvmAndProcessMetricsAreExposed() throws Exception {
    ServerTesting.test((server, http) -> {
      // Given / When
      String text = http.get("/metrics").body();
      // Then Micrometer's JVM and process binders are registered
      assertThat(text).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ",
          "jvm_gc_", "jvm_classes_loaded_classes ", "process_cpu_usage ", "process_uptime_seconds ",
          "process_files_open_files ", "system_cpu_usage ");
    });
  }

  @Test
  void headMetricsAnswersTheHeadersOfGetWithoutABody() throws Exception {
    ServerTesting.test((server, http) -> {
      // Given / When
      HttpResponse<String> head = http.send(http.request("/metrics")
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
      // Then
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/plain"));
      assertThat(head.body()).isEmpty();
    });
  }

  @Test
  void theDefaultJobCountsAsCreatedSoCreatedMinusEndedIsNeverNegative() throws Exception {
    ServerTesting.test((server, http) -> {
      // Given a fresh server: only the default job exists, and it ends within 200 ms
      String before = http.get("/metrics").body();
      assertThat(sample(before, "vtstatus_jobs_total", "event=\"created\"")).isEqualTo(1);

      // When it has ended
      await().atMost(Duration.ofSeconds(5)).until(() -> ended(http.get("/metrics").body()) == 1);

      // Then created minus ended is zero, not minus one
      String after = http.get("/metrics").body();
      assertThat(sample(after, "vtstatus_jobs_total", "event=\"created\"") - ended(after)).isZero();
    });
  }

  /** Serves creates, reads, a batch, a long poll, a cancel, a 404 and a 400, on both protocols. */
  static void exerciseEveryRoute(TestHttp http) {
    String id = http.create("{\"simulate\":{\"duration_ms\":60000}}").jobId();
    http.get("/v1/jobs/" + id);
    http.get("/v1/jobs/" + id + "?wait=0.01");
    http.get("/v1/jobs?ids=" + id);
    http.delete("/v1/jobs/" + id);
    http.get("/v1/jobs/00000000-0000-4000-8000-000000000000");
    http.get("/v1/jobs/not-an-id");
    http.post("/job", "{}");
    http.get("/status");
    http.get("/v1/capabilities");
    http.get("/healthz");
    http.get("/no/such/route");
  }

  private static long ended(String text) {
    return sample(text, "vtstatus_jobs_total", "event=\"completed\"")
        + sample(text, "vtstatus_jobs_total", "event=\"error\"")
        + sample(text, "vtstatus_jobs_total", "event=\"canceled\"");
  }

  /**
   * Returns the value of the sample {@code name{labels}} in Prometheus text, whatever the order of
   * its labels ({@code labels} as {@code a="x",b="y"}), or 0 when absent.
   */
  static long sample(String text, String name, String labels) {
    Set<String> wanted = Set.of(labels.split(",(?=[a-z_]+=\")"));
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{(.*)} (\\S+)$").matcher(text);
    while (m.find()) {
      if (Set.of(m.group(1).split(",(?=[a-z_]+=\")")).equals(wanted)) {
        return Math.round(Double.parseDouble(m.group(2)));
      }
    }
    return 0;
  }
}
