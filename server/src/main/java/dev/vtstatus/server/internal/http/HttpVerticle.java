package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Route;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
    heartbeatTimer = vertx.setPeriodic(config.limits().heartbeat().toMillis(), id -> parked.heartbeat());
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
    DashboardRoutes dashboard = config.seedProtocolOnly() ? null : new DashboardRoutes();
    Map<Route, Handler<RoutingContext>> handlers = handlers(dashboard);
    List<RouteTable.Entry> entries = new ArrayList<>();
    for (Route route : Route.values()) {
      entries.add(RouteTable.Entry.of(route, handlers.containsKey(route)));
    }
    List<String> dashboardFiles = dashboard == null ? List.of() : dashboard.files();
    for (String file : dashboardFiles) {
      entries.add(new RouteTable.Entry(Route.DASHBOARD.method(), file, Policy.MONITORING, true));
    }
    RouteTable table = new RouteTable(entries);
    if (tracing.enabled()) {
      router.route().handler(ctx -> {
        tracing.startRequest(ctx, table.label(ctx.request().path()));
        ctx.next();
      });
    }
    router.route().handler(new RequestIntake(table, metrics));
    router.route().handler(new FaultInjection(vertx, faults));
    router.route().handler(new KeyCheck(config));
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.limits().maxBodySize()));
    handlers.forEach((route, handler) ->
        router.route(HttpMethod.valueOf(route.method()), route.template()).handler(handler));
    for (String file : dashboardFiles) {
      router.route(HttpMethod.GET, file).handler(dashboard::serve);
    }
    router.route().failureHandler(Problems::handle);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, Problems::handle);
    }
    return router;
  }

  /** Returns the handler of each route this server serves: the seed routes only, or every route. */
  private Map<Route, Handler<RoutingContext>> handlers(DashboardRoutes dashboard) {
    JobRoutes jobs = new JobRoutes(vertx, backend.scheduler(), backend, metrics, tracing, parked, config);
    SeedRoutes seed = new SeedRoutes(backend, jobs);
    SystemRoutes system = new SystemRoutes(config, metrics);
    Map<Route, Handler<RoutingContext>> handlers = new EnumMap<>(Route.class);
    handlers.put(Route.HEALTH, system::health);
    handlers.put(Route.SEED_CREATE, seed::create);
    handlers.put(Route.SEED_CREATE_JOBS, seed::create);
    handlers.put(Route.SEED_STATUS, seed::statusById);
    handlers.put(Route.SEED_STATUS_BY_QUERY, seed::statusByQuery);
    if (config.seedProtocolOnly()) {
      return handlers;
    }
    EventRoutes events = new EventRoutes(backend, feed, metrics, parked);
    AdminRoutes admin = new AdminRoutes(backend, retained, metrics, faults);
    handlers.put(Route.METRICS, system::metrics);
    handlers.put(Route.METRICS_HEAD, system::metrics);
    handlers.put(Route.DASHBOARD, dashboard::serve);
    handlers.put(Route.CAPABILITIES, system::capabilities);
    handlers.put(Route.CREATE, jobs::create);
    handlers.put(Route.BATCH, jobs::batch);
    handlers.put(Route.JOB, jobs::get);
    handlers.put(Route.CANCEL, jobs::cancel);
    handlers.put(Route.JOB_EVENTS, events::one);
    handlers.put(Route.EVENTS, events::all);
    handlers.put(Route.OPENAPI, system::openApi);
    handlers.put(Route.ADMIN_JOBS, admin::list);
    handlers.put(Route.ADMIN_COMPLETE, admin::complete);
    handlers.put(Route.ADMIN_FAIL, admin::fail);
    handlers.put(Route.ADMIN_FAULTS, admin::faults);
    handlers.put(Route.ADMIN_SET_FAULTS, admin::setFaults);
    handlers.put(Route.ADMIN_STATS, admin::stats);
    handlers.put(Route.ADMIN_RESET, admin::reset);
    return handlers;
  }
}
