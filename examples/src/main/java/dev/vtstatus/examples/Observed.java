package dev.vtstatus.examples;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.PrintStream;

/**
 * Plugs OpenTelemetry and Micrometer into the client, the way a traced web service would: the
 * client's spans become children of the handler's span (the caller's {@code Context.current()}), its
 * requests carry the trace through the configured propagators, and its meters ({@code
 * vtstatus.client.*}) land in the service's registry.
 *
 * <pre>{@code
 * VideoTranslationClient client = VideoTranslationClient.builder()
 *     .baseUrl("http://127.0.0.1:5000")
 *     .openTelemetry(openTelemetry)   // spans: vtstatus.create, vtstatus.wait, and GET/POST per request
 *     .meterRegistry(meterRegistry)   // vtstatus.client.jobs, .requests, .wait, .detection_latency
 *     .build();
 * }</pre>
 */
public final class Observed {
  private Observed() {}

  /**
   * Handles one "translate" request of a service: inside its server span, creates a job and waits
   * for it, then prints the trace id and the client's job counter.
   *
   * @return the finished job
   */
  public static Job handleTranslateRequest(
      String baseUrl, OpenTelemetry openTelemetry, MeterRegistry meterRegistry, PrintStream out) {
    Span request = openTelemetry.getTracer("translation-service")
        .spanBuilder("POST /translate").setSpanKind(SpanKind.SERVER).startSpan();
    Scope scope = request.makeCurrent();
    try (VideoTranslationClient client = VideoTranslationClient.builder()
            .baseUrl(baseUrl)
            .openTelemetry(openTelemetry)
            .meterRegistry(meterRegistry)
            .build()) {
      Job job = client.createJob(JobRequest.builder().sourceLanguage("en").targetLanguage("de").build());
      Job done = client.waitForResult(job.jobId());
      out.println(done.jobId() + " " + done.status().wireName() + " in trace "
          + request.getSpanContext().getTraceId());
      out.println("vtstatus.client.jobs = " + meterRegistry.get("vtstatus.client.jobs").counter().count());
      return done;
    } finally {
      scope.close();
      request.end();
    }
  }

  /**
   * Runs the handler once against {@code args[0]} (default {@code http://127.0.0.1:5000}) with an
   * OpenTelemetry SDK that propagates W3C trace context (add your exporter to its tracer provider)
   * and an in-memory Micrometer registry.
   */
  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:5000";
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build()) {
      handleTranslateRequest(url, sdk, new SimpleMeterRegistry(), System.out);
    }
  }
}
