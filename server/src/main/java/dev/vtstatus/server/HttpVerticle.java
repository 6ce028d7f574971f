package dev.vtstatus.server;

import io.github.bucket4j.Bucket;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * One event loop's HTTP server: the router with every route, sharing the port and the {@link
 * JobEngine} with the other instances. Its parked requests end when it stops.
 */
final class HttpVerticle extends VerticleBase {
  private final ServerConfig config;
  private final JobEngine engine;
  private final ServerMetrics metrics;
  private final Bucket rateLimit;
  private final int port;
  private ParkedRequests parked;
  private HttpServer server;
  private long heartbeatTimer;

  HttpVerticle(ServerConfig config, JobEngine engine, ServerMetrics metrics, Bucket rateLimit, int port) {
    this.config = config;
    this.engine = engine;
    this.metrics = metrics;
    this.rateLimit = rateLimit;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    parked = new ParkedRequests(context);
    engine.hub().register(parked);
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
    server = vertx.createHttpServer(options)
        .requestHandler(router())
        .invalidRequestHandler(Problems::invalidRequest);
    return server.listen(port, config.host());
  }

  /** Returns the port the server listens on. */
  int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(heartbeatTimer);
    engine.hub().unregister(parked);
    parked.endAll();
    return server.close();
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(new RequestGate(vertx, config, metrics, rateLimit));
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodySize()));
    JobRoutes jobs = new JobRoutes(vertx, engine, metrics, parked, config.maxWait());
    SeedRoutes seed = new SeedRoutes(engine, jobs);
    SystemRoutes system = new SystemRoutes(config, metrics);
    on(router, HttpMethod.GET, "/healthz", system::health);
    on(router, HttpMethod.POST, "/job", seed::create);
    on(router, HttpMethod.POST, "/jobs", seed::create);
    on(router, HttpMethod.GET, "/status/:id", seed::statusById);
    on(router, HttpMethod.GET, "/status", seed::statusByQuery);
    if (!config.seedProtocolOnly()) {
      EventRoutes events = new EventRoutes(engine, metrics, parked, jobs);
      on(router, HttpMethod.GET, "/metrics", system::metrics);
      on(router, HttpMethod.GET, "/v1/capabilities", system::capabilities);
      on(router, HttpMethod.POST, "/v1/jobs", jobs::create);
      on(router, HttpMethod.GET, "/v1/jobs", jobs::batch);
      on(router, HttpMethod.GET, "/v1/jobs/:id", jobs::get);
      on(router, HttpMethod.DELETE, "/v1/jobs/:id", jobs::cancel);
      on(router, HttpMethod.GET, "/v1/jobs/:id/events", events::one);
      on(router, HttpMethod.GET, "/v1/events", events::all);
    }
    router.route().failureHandler(Problems::handle);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, Problems::handle);
    }
    return router;
  }

  private static void on(Router router, HttpMethod method, String path, Handler<RoutingContext> handler) {
    router.route(method, path).handler(ctx -> {
      ctx.put(RequestGate.ROUTE_KEY, path);
      handler.handle(ctx);
    });
  }
}
