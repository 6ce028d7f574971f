package dev.vtstatus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.junit.VtStatusServer;
import dev.vtstatus.junit.VtStatusServerExtension;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ObservedTest {
  @RegisterExtension
  static final VtStatusServerExtension SERVER = VtStatusServerExtension.builder()
      .configure(c -> c.minDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(200)).errorProbability(0))
      .build();

  @Test
  void theClientsSpansJoinTheRequestsTraceAndItsMetersLandInTheRegistry(VtStatusServer server) {
    // Given
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build()) {

      // When
      Job done = Observed.handleTranslateRequest(server.baseUrl().toString(), sdk, registry,
          new PrintStream(printed, true, StandardCharsets.UTF_8));

      // Then
      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      SpanData request = spans.getFinishedSpanItems().stream()
          .filter(s -> s.getName().equals("POST /translate")).findFirst().orElseThrow();
      assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName)
          .contains("vtstatus.create", "vtstatus.wait", "POST");
      assertThat(spans.getFinishedSpanItems())
          .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(request.getTraceId()));
      assertThat(registry.get("vtstatus.client.jobs").counter().count()).isEqualTo(1.0);
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("completed in trace " + request.getTraceId())
          .contains("vtstatus.client.jobs = 1.0");
    }
  }
}
