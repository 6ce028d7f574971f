package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.client.fakes.FakeTransport.Recorded;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.TraceParent;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Spans with OpenTelemetry, checked with the SDK's in-memory exporter. */
class TracingTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
      .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
      .build();

  @AfterEach
  void closeOpenTelemetry() {
    otel.close();
  }

  private ClientHarness harness() {
    return ClientHarness.create(b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1))).openTelemetry(otel));
  }

  /** A traced web request's span, continuing a caller's trace that carries a tracestate. */
  private Span webRequest() {
    SpanContext caller = SpanContext.createFromRemoteParent(TRACE_ID, "00f067aa0ba902b7",
        TraceFlags.getSampled(), TraceState.builder().put("vendor", "v1").build());
    return otel.getTracer("web").spanBuilder("GET /translate")
        .setParent(Context.root().with(Span.wrap(caller))).setSpanKind(SpanKind.SERVER).startSpan();
  }

  /** Runs the call as the web request's handler would: its span current, with baggage. */
  private static <T> T inRequest(Span web, Supplier<T> call) {
    Context context = Context.root().with(web).with(Baggage.builder().put("tenant", "acme").build());
    Scope scope = context.makeCurrent();
    try {
      return call.get();
    } finally {
      scope.close();
    }
  }

  private SpanData span(String name) {
    return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void callsInsideATracedRequestAreItsChildrenAndCarryItsTracestateAndBaggage(Mode mode) {
    try (ClientHarness h = harness()) {
      // Given
      h.server.defaultDuration(Duration.ofSeconds(1));
      Span web = webRequest();

      // When
      Job created = h.call(mode, c -> inRequest(web, c::createJob),
          c -> inRequest(web, () -> c.createJobAsync(JobRequest.EMPTY)));
      Job done = h.call(mode, c -> inRequest(web, () -> c.waitForResult(created.jobId())),
          c -> inRequest(web, () -> c.waitForResultAsync(created.jobId())));
      web.end();

      // Then: one trace, the client's operations children of the request
      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      String webSpanId = web.getSpanContext().getSpanId();
      assertThat(span("vtstatus.create").getParentSpanId()).isEqualTo(webSpanId);
      assertThat(span("vtstatus.wait").getParentSpanId()).isEqualTo(webSpanId);
      assertThat(span("POST").getParentSpanId()).isEqualTo(span("vtstatus.create").getSpanId());
      assertThat(exporter.getFinishedSpanItems()).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(TRACE_ID));
      List<Recorded> calls = h.transport.calls();
      assertThat(calls).hasSizeGreaterThan(2).allSatisfy(r -> {
        assertThat(TraceParent.parse(r.header("traceparent")).orElseThrow().traceId()).isEqualTo(TRACE_ID);
        assertThat(r.header("tracestate")).isEqualTo("vendor=v1");
        assertThat(r.header("baggage")).isEqualTo("tenant=acme");
      });
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void requestSpansFollowTheHttpClientSemanticConventions(Mode mode) {
    try (ClientHarness h = harness()) {
      // Given
      h.server.defaultDuration(Duration.ZERO);

      // When: a create, and a read of a job the server does not know
      h.call(mode, VideoTranslationClient::createJob, c -> c.createJobAsync(JobRequest.EMPTY));
      assertThatThrownBy(() -> h.call(mode, c -> c.getStatus("gone"), c -> c.getStatusAsync("gone")))
          .isInstanceOf(JobNotFoundException.class);

      // Then
      SpanData post = span("POST");
      assertThat(post.getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(post.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("POST");
      assertThat(post.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
      assertThat(post.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(5000L);
      assertThat(post.getAttributes().get(AttributeKey.stringKey("url.full"))).isEqualTo("http://127.0.0.1:5000/v1/jobs");
      assertThat(post.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(201L);
      assertThat(post.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      SpanData notFound = exporter.getFinishedSpanItems().stream()
          .filter(s -> s.getName().equals("GET") && s.getAttributes().get(AttributeKey.stringKey("url.full")).endsWith("/gone"))
          .findFirst().orElseThrow();
      assertThat(notFound.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(404L);
      assertThat(notFound.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("404");
      assertThat(notFound.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }
  }
}
