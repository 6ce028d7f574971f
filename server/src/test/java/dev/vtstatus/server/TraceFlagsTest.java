package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.TraceParent;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The caller's sampling decision comes back as it went: an unsampled trace is never answered sampled. */
class TraceFlagsTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String UNSAMPLED = "00-" + TRACE + "-b7ad6b7169203331-00";
  private static final String SAMPLED = "00-" + TRACE + "-b7ad6b7169203331-01";

  private static TraceParent answered(HttpResponse<String> response) {
    return TraceParent.parse(response.headers().firstValue("traceparent").orElseThrow()).orElseThrow();
  }

  @Test
  void anUnsampledRequestGetsUnsampledAnswersOnEveryKindOfRoute() throws Exception {
    test((server, http) -> {
      // Given: a job created in a sampled trace
      Job job = TestHttp.job(http.post("/v1/jobs", "{}", "traceparent", SAMPLED));

      // When: reads in an unsampled trace, of a job, the seed status, a batch and a refusal
      HttpResponse<String> read = http.get("/v1/jobs/" + job.jobId(), "traceparent", UNSAMPLED);
      HttpResponse<String> seed = http.get("/status/" + job.jobId(), "traceparent", UNSAMPLED);
      HttpResponse<String> batch = http.get("/v1/jobs?ids=" + job.jobId(), "traceparent", UNSAMPLED);
      HttpResponse<String> refused = http.get("/v1/jobs/not-an-id", "traceparent", UNSAMPLED);

      // Then: the job's trace, never marked sampled
      for (HttpResponse<String> answer : java.util.List.of(read, seed, batch, refused)) {
        assertThat(answered(answer).sampled()).as(answer.uri().toString()).isFalse();
        assertThat(answered(answer).traceId()).isEqualTo(TRACE);
      }
    });
  }

  @Test
  void aSampledRequestAndOneWithoutTraceContextGetSampledAnswers() throws Exception {
    test((server, http) -> {
      // When
      HttpResponse<String> sampled = http.post("/v1/jobs", "{}", "traceparent", SAMPLED);
      HttpResponse<String> without = http.post("/job", "{}");

      // Then
      assertThat(answered(sampled).sampled()).isTrue();
      assertThat(answered(sampled).traceId()).isEqualTo(TRACE);
      assertThat(answered(without).sampled()).isTrue();
      assertThat(answered(without).traceId()).isNotEqualTo(TRACE);
    });
  }
}
