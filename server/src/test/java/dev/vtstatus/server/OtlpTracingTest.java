package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vtstatus.server.internal.trace.ServerTracing;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link OtlpTracing} sends the server's spans to a collector; no OpenTelemetry means no tracing. */
class OtlpTracingTest {

  @Test
  void spansReachTheCollectorOverOtlpHttp() throws Exception {
    // Given a stand-in collector that records what is posted to it
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
          + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body.length);
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    collector.start();
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + collector.getAddress().getPort() + "/");
      // When a traced server answers a request, and the server then the SDK are closed
      try (OpenTelemetrySdk otel = OtlpTracing.create(endpoint)) {
        try (JobServer server = JobServer.create(ServerTesting.fastConfig().port(0).build(), otel).start()) {
          new TestHttp(server.url()).get("/healthz");
        }
      }
      // Then the batched spans were posted as OTLP protobuf to /v1/traces
      assertThat(received).isNotEmpty().allSatisfy(line ->
          assertThat(line).startsWith("POST /v1/traces application/x-protobuf "));
    } finally {
      collector.stop(0);
    }
  }

  @Test
  void refusesAnEndpointThatIsNotAnHttpUrl() {
    assertThatThrownBy(() -> OtlpTracing.create(URI.create("collector:4318")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s) URL");
  }

  @Test
  void withoutOpenTelemetryTheServerDoesNoTracingWork() {
    // Given / When no OpenTelemetry is given / Then tracing is the no-op, which installs no handler
    assertThat(ServerTracing.using(null)).isSameAs(ServerTracing.NONE);
    assertThat(ServerTracing.NONE.enabled()).isFalse();
  }
}
