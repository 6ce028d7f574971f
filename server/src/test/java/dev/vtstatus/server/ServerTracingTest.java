package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.protocol.Job;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's spans, caught by the SDK's in-memory exporter. */
class ServerTracingTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01";

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private OpenTelemetrySdk openTelemetry;
  private JobServer server;
  private TestHttp http;

  @BeforeEach
  void start() {
    openTelemetry = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    server = JobServer.create(ServerTesting.fastConfig().host("127.0.0.1").port(0).build(), openTelemetry).start();
    http = new TestHttp(server.url());
  }

  @AfterEach
  void stop() {
    server.close();
    openTelemetry.close();
  }

  @Test
  void requestSpanIsAChildOfTheCallersSpanNamedByItsRoute() {
    // Given a caller in a trace
    // When it creates a job and reads it
    Job job = TestHttp.job(http.post("/v1/jobs", "{\"simulate\":{\"duration_ms\":60000}}", "traceparent", TRACEPARENT));
    http.get("/v1/jobs/" + job.jobId(), "traceparent", TRACEPARENT);

    // Then each request is a server span in the caller's trace, under the caller's span
    await().atMost(Duration.ofSeconds(5)).until(() -> named("GET /v1/jobs/:id").size() == 1);
    SpanData create = named("POST /v1/jobs").get(0);
    SpanData read = named("GET /v1/jobs/:id").get(0);
    for (SpanData span : List.of(create, read)) {
      assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
      assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
      assertThat(span.getParentSpanId()).isEqualTo(CALLER_SPAN);
    }
    assertThat(create.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/v1/jobs");
    assertThat(create.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(201);
    assertThat(read.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("GET");
  }

  @Test
  void jobSpanRunsFromItsCreationToItsEndUnderTheCreateRequest() {
    // Given / When a job of 100 ms is created in the caller's trace, and ends
    Job job = TestHttp.job(http.post("/v1/jobs", "{\"simulate\":{\"duration_ms\":100,\"outcome\":\"error\"}}",
        "traceparent", TRACEPARENT));
    await().atMost(Duration.ofSeconds(5)).until(() -> named("job").size() == 1);

    // Then its span is a child of the create request's span, lasts the job's life, and says how it ended
    SpanData create = named("POST /v1/jobs").get(0);
    SpanData span = named("job").get(0);
    assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getParentSpanId()).isEqualTo(create.getSpanId());
    assertThat(span.getAttributes().get(AttributeKey.stringKey("vtstatus.job.id"))).isEqualTo(job.jobId());
    assertThat(span.getAttributes().get(AttributeKey.stringKey("vtstatus.job.status"))).isEqualTo("error");
    assertThat(Duration.ofNanos(span.getEndEpochNanos() - span.getStartEpochNanos())).isEqualTo(Duration.ofMillis(100));
    assertThat(span.getEvents()).extracting(e -> e.getName()).containsExactly("job created", "job error");
  }

  @Test
  void requestWithoutTraceparentStartsATraceThatTheJobAndItsAnswersKeep() {
    // Given / When a job created without trace context
    HttpResponse<String> created = http.post("/v1/jobs", "{\"simulate\":{\"duration_ms\":60000}}");
    await().atMost(Duration.ofSeconds(5)).until(() -> named("POST /v1/jobs").size() == 1);

    // Then the request's span is a root, and the job's trace (in every answer about it) is the span's
    SpanData create = named("POST /v1/jobs").get(0);
    assertThat(create.getParentSpanContext().isValid()).isFalse();
    String job = TestHttp.job(created).jobId();
    assertThat(http.get("/v1/jobs/" + job).headers().firstValue("traceparent"))
        .hasValueSatisfying(header -> assertThat(header).startsWith("00-" + create.getTraceId() + "-"));
  }

  @Test
  void rejectedRequestsAreTracedToo() {
    // Given / When a request for an id that is not an id
    http.get("/v1/jobs/not-an-id", "traceparent", TRACEPARENT);
    // Then its span says 400
    await().atMost(Duration.ofSeconds(5)).until(() -> named("GET /v1/jobs/:id").size() == 1);
    assertThat(named("GET /v1/jobs/:id").get(0).getAttributes()
        .get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(400);
  }

  private List<SpanData> named(String name) {
    return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
  }
}
