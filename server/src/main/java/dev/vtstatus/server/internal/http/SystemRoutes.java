package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Capabilities;
import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.server.internal.jobs.JobRenderer;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code /healthz}, {@code /metrics}, {@code /v1/capabilities} and {@code /openapi.yaml}. Thread-safe. */
final class SystemRoutes {
  private static final Buffer HEALTHY = Buffer.buffer("{\"status\":\"ok\"}");
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  /** docs/openapi.yaml, which the build copies into the server's jar. */
  private static final String OPENAPI_RESOURCE = "/dev/vtstatus/server/openapi.yaml";
  private static final Buffer OPENAPI = openApiDocument();

  private final ServerMetrics metrics;
  private final Buffer capabilities;

  SystemRoutes(ServerConfig config, ServerMetrics metrics) {
    this.metrics = metrics;
    this.capabilities = Buffer.buffer(JobRenderer.json(
        new Capabilities(Protocol.FEATURES, config.limits().maxWait(), Protocol.MAX_BATCH)));
  }

  void health(RoutingContext ctx) {
    Responses.json(ctx.response(), 200, HEALTHY, null);
  }

  void metrics(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(metrics.scrape());
  }

  void capabilities(RoutingContext ctx) {
    Responses.json(ctx.response(), 200, capabilities, null);
  }

  void openApi(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(OPENAPI);
  }

  private static Buffer openApiDocument() {
    try (InputStream in = SystemRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the server's jar");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE, e);
    }
  }
}
