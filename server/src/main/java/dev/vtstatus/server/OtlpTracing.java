package dev.vtstatus.server;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.net.URI;
import java.util.Objects;

/**
 * Builds the OpenTelemetry SDK that sends a {@link JobServer}'s spans to an OTLP collector over
 * HTTP (protobuf), for {@link JobServer#create(ServerConfig, io.opentelemetry.api.OpenTelemetry)}.
 *
 * <pre>{@code
 * try (OpenTelemetrySdk otel = OtlpTracing.create(URI.create("http://127.0.0.1:4318"));
 *     JobServer server = JobServer.create(config, otel).start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Spans are batched and sent in the background; closing the SDK (after the server) sends what is
 * left. The service is named {@code vtstatus-server}. Thread-safe.
 */
public final class OtlpTracing {
  /** The {@code service.name} the server's spans carry. */
  public static final String SERVICE_NAME = "vtstatus-server";

  private OtlpTracing() {}

  /**
   * Returns an SDK exporting to {@code endpoint}, the collector's base URL (spans go to its {@code
   * /v1/traces}, as {@code OTEL_EXPORTER_OTLP_ENDPOINT} means it), with W3C trace context.
   *
   * @throws IllegalArgumentException when the endpoint is not an http(s) URL
   */
  public static OpenTelemetrySdk create(URI endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())) || endpoint.getHost() == null) {
      throw new IllegalArgumentException("OTLP endpoint must be an http(s) URL, was '" + endpoint + "'");
    }
    String traces = endpoint.toString().replaceAll("/+$", "") + "/v1/traces";
    Resource resource = Resource.getDefault()
        .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), SERVICE_NAME)));
    SdkTracerProvider tracing = SdkTracerProvider.builder()
        .setResource(resource)
        .addSpanProcessor(BatchSpanProcessor.builder(
            OtlpHttpSpanExporter.builder().setEndpoint(traces).build()).build())
        .build();
    return OpenTelemetrySdk.builder()
        .setTracerProvider(tracing)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }
}
