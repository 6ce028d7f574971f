package dev.vtstatus.server.internal.http;

import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.server.internal.jobs.SimulatedBackend;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import dev.vtstatus.server.internal.push.EventFeed;
import dev.vtstatus.server.internal.push.ParkedRequests;
import dev.vtstatus.server.internal.trace.ServerTracing;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * One event loop's HTTP server: the router with every route, sharing the port and the {@link
 * SimulatedBackend} with the other instances. Its parked requests end when it stops.
 */
public final class HttpVerticle extends VerticleBase {
  private final ServerConfig config;
  private final SimulatedBackend backend;
  private final EventFeed feed;
  private final ServerMetrics metrics;
  private final ServerTracing tracing;
  private final LiveFaults faults;
  private final IntSupplier retained;
  private final int port;
  private final ConnectionGuard guard;
  private ParkedRequests parked;
  private HttpServer server;
  private long heartbeatTimer;

  /**
   * Creates one event loop's server.
   *
   * @param faults the fault injection shared by every instance
   * @param retained how many jobs the store holds, for the admin counters
   * @param port the port to bind; negative for one random port shared by every instance
   * @param guard the connection cap and header timeout shared by every instance
   */
  public HttpVerticle(
      ServerConfig config,
      SimulatedBackend backend,
      EventFeed feed,
      ServerMetrics metrics,
      ServerTracing tracing,
      LiveFaults faults,
      IntSupplier retained,
      int port,
      ConnectionGuard guard) {
    this.guard = guard;
    this.config = config;
    this.backend = backend;
    this.feed = feed;
    this.metrics = metrics;
    this.tracing = tracing;
    this.faults = faults;
    this.retained = retained;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    parked = new ParkedRequests(context);
    feed.register(parked);
    heartbeatTimer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> parked.heartbeat());
    HttpServerOptions options = new HttpServerOptions()
        .setTcpNoDelay(true)
        .setMaxInitialLineLength(8192)
        .setMaxHeaderSize(16 * 1024)
        .setAcceptBacklog(8192)
        // HTTP/1.1 only: an h2c upgrade (the JDK client tries one) would put every parked long poll
        // of a client on one connection, under a concurrent-stream limit, and a dropped connection
        // would fail all of them at once
        .setHttp2ClearTextEnabled(false);
    Router router = router();
    server = vertx.createHttpServer(options)
        .connectionHandler(guard::accept)
        .requestHandler(request -> {
          // a malformed %-escape would make the router fail before any handler of ours runs
          if (RequestTargets.hasBadEscape(request.uri())) {
            Problems.badTarget(request, metrics);
          } else {
            router.handle(request);
          }
        })
        .invalidRequestHandler(Problems::invalidRequest);
    return server.listen(port, config.host());
  }

  /** Returns the port the server listens on. */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(heartbeatTimer);
    feed.unregister(parked);
    parked.endAll();
    return server.close();
  }

  private Router router() {
    Router router = Router.router(vertx);
    JobRoutes jobs = new JobRoutes(vertx, backend.scheduler(), backend, metrics, tracing, parked, config);
    SeedRoutes seed = new SeedRoutes(backend, jobs);
    SystemRoutes system = new SystemRoutes(config, metrics);
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.add(new Endpoint(HttpMethod.GET, "/healthz", system::health));
    endpoints.add(new Endpoint(HttpMethod.POST, "/job", seed::create));
    endpoints.add(new Endpoint(HttpMethod.POST, "/jobs", seed::create));
    endpoints.add(new Endpoint(HttpMethod.GET, "/status/:id", seed::statusById));
    endpoints.add(new Endpoint(HttpMethod.GET, "/status", seed::statusByQuery));
    if (!config.seedProtocolOnly()) {
      EventRoutes events = new EventRoutes(backend, feed, metrics, parked);
      endpoints.add(new Endpoint(HttpMethod.GET, "/metrics", system::metrics));
      endpoints.add(new Endpoint(HttpMethod.HEAD, "/metrics", system::metrics));
      DashboardRoutes dashboard = new DashboardRoutes();
      for (String path : dashboard.paths()) {
        endpoints.add(new Endpoint(HttpMethod.GET, path, dashboard::serve));
      }
      endpoints.add(new Endpoint(HttpMethod.GET, "/v1/capabilities", system::capabilities));
      endpoints.add(new Endpoint(HttpMethod.POST, "/v1/jobs", jobs::create));
      endpoints.add(new Endpoint(HttpMethod.GET, "/v1/jobs", jobs::batch));
      endpoints.add(new Endpoint(HttpMethod.GET, "/v1/jobs/:id", jobs::get));
      endpoints.add(new Endpoint(HttpMethod.DELETE, "/v1/jobs/:id", jobs::cancel));
      endpoints.add(new Endpoint(HttpMethod.GET, "/v1/jobs/:id/events", events::one));
      endpoints.add(new Endpoint(HttpMethod.GET, "/v1/events", events::all));
      endpoints.add(new Endpoint(HttpMethod.GET, "/openapi.yaml", system::openApi));
      AdminRoutes admin = new AdminRoutes(backend, retained, metrics, faults);
      endpoints.add(new Endpoint(HttpMethod.GET, "/admin/jobs", admin::list));
      endpoints.add(new Endpoint(HttpMethod.POST, "/admin/jobs/:id/complete", admin::complete));
      endpoints.add(new Endpoint(HttpMethod.POST, "/admin/jobs/:id/fail", admin::fail));
      endpoints.add(new Endpoint(HttpMethod.GET, "/admin/faults", admin::faults));
      endpoints.add(new Endpoint(HttpMethod.PUT, "/admin/faults", admin::setFaults));
      endpoints.add(new Endpoint(HttpMethod.GET, "/admin/stats", admin::stats));
      endpoints.add(new Endpoint(HttpMethod.POST, "/admin/reset", admin::reset));
    }
    RouteTemplates templates = new RouteTemplates(endpoints.stream().map(Endpoint::path).distinct().toList());
    if (tracing.enabled()) {
      router.route().handler(ctx -> {
        tracing.startRequest(ctx, templates.match(ctx.request().path()));
        ctx.next();
      });
    }
    router.route().handler(new RequestGate(vertx, config, metrics, faults, templates));
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodySize()));
    for (Endpoint endpoint : endpoints) {
      router.route(endpoint.method(), endpoint.path()).handler(endpoint.handler());
    }
    router.route().failureHandler(Problems::handle);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, Problems::handle);
    }
    return router;
  }

  private record Endpoint(HttpMethod method, String path, Handler<RoutingContext> handler) {}
}
