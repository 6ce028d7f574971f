package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Capabilities;
import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.server.internal.jobs.JobEngine;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** {@code /healthz}, {@code /metrics} and {@code /v1/capabilities}. Thread-safe. */
final class SystemRoutes {
  private static final Buffer HEALTHY = Buffer.buffer("{\"status\":\"ok\"}");
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final ServerMetrics metrics;
  private final Buffer capabilities;

  SystemRoutes(ServerConfig config, ServerMetrics metrics) {
    this.metrics = metrics;
    this.capabilities = Buffer.buffer(JobEngine.json(
        new Capabilities(Protocol.FEATURES, config.maxWait(), Protocol.MAX_BATCH)));
  }

  void health(RoutingContext ctx) {
    Answers.json(ctx.response(), 200, HEALTHY, null);
  }

  void metrics(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(metrics.scrape());
  }

  void capabilities(RoutingContext ctx) {
    Answers.json(ctx.response(), 200, capabilities, null);
  }
}
