package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Faults;
import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.server.ServerStats;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The first handler of every request: counts it, applies the injected faults in force (rate limit
 * 429, added latency, dropped connection, 503) and checks the API or admin key, in that order.
 *
 * <p>{@code /healthz}, {@code /metrics} and the dashboard's page and files bypass faults and keys so
 * that a health check, a scrape and the page always work (the page asks for the key it then sends);
 * {@code /v1/capabilities} and {@code /openapi.yaml} bypass keys; the admin routes and {@code
 * /openapi.yaml} bypass faults, so that a test can always turn them off again. Thread-safe.
 */
public final class RequestGate implements Handler<RoutingContext> {
  /** Routing-context key of the request's route template, for metrics. */
  static final String ROUTE_KEY = "vtstatus.route";
  /** Routing-context key of a form content type, removed from the headers before the body is read. */
  static final String CONTENT_TYPE_KEY = "vtstatus.contentType";
  /** Routing-context key of the request's tenant, see {@link #tenant}. */
  static final String TENANT_KEY = "vtstatus.tenant";
  /** Routing-context key of the owner of the jobs the request creates, see {@link #owner}. */
  static final String OWNER_KEY = "vtstatus.owner";

  private static final Set<String> UNGUARDED = Set.of("/healthz", "/metrics");
  private static final Set<String> NO_KEY = Set.of("/v1/capabilities", "/openapi.yaml");

  private final Vertx vertx;
  private final RouteTemplates routes;
  private final ServerMetrics metrics;
  private final LiveFaults faults;
  private final ApiKeys keys;

  RequestGate(Vertx vertx, ServerConfig config, ServerMetrics metrics, LiveFaults faults, RouteTemplates routes) {
    this.vertx = vertx;
    this.routes = routes;
    this.metrics = metrics;
    this.faults = faults;
    this.keys = new ApiKeys(config);
  }

  /** Returns whether a path is control rather than service: admin, this document. */
  static boolean isControl(String path) {
    return ApiKeys.isAdmin(path) || path.equals("/openapi.yaml");
  }

  @Override
  public void handle(RoutingContext ctx) {
    long started = metrics.requestStarted();
    metrics.received();
    Responses.keepUnsampled(ctx);
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    // named before any fault or key check, so that rejected requests are counted by route too
    String route = routes.match(path);
    ctx.put(ROUTE_KEY, route);
    ctx.addEndHandler(result -> metrics.request(route, method,
        result.succeeded() ? Integer.toString(ctx.response().getStatusCode()) : "closed", started));
    String codings = ctx.request().getHeader("Transfer-Encoding");
    if (codings != null && !codings.trim().equalsIgnoreCase("chunked")) {
      // a coding we do not decode leaves the body unframed: refuse it rather than guess
      ctx.response().putHeader("Connection", "close");
      ctx.fail(ProblemException.badRequest("Transfer-Encoding '" + shorten(codings)
          + "' is not supported; send 'chunked' or a Content-Length"));
      return;
    }
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && isForm(type)) {
      // no route takes a form, and the body handler would decode one (failing on a malformed one):
      // keep the type for the create parser to refuse, and let the body be read as bytes
      ctx.put(CONTENT_TYPE_KEY, type);
      ctx.request().headers().remove("Content-Type");
    }
    if (UNGUARDED.contains(path) || DashboardRoutes.serves(path)) {
      ctx.next();
      return;
    }
    if (isControl(path)) {
      checkKey(ctx, path);
      return;
    }
    metrics.served();
    countByKind(ctx.request().method(), path);
    LiveFaults.State now = faults.state();
    if (now.rateLimit() != null) {
      ConsumptionProbe probe = now.rateLimit().tryConsumeAndReturnRemaining(1);
      if (!probe.isConsumed()) {
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        ctx.fail(new ProblemException(429, "rate-limited", "Too many requests",
            "the server allows " + now.faults().rateLimit() + " requests per second",
            Map.of(Protocol.RETRY_AFTER_HEADER, Long.toString(seconds))));
        return;
      }
    }
    long latency = now.faults().faultLatency().toMillis();
    if (latency > 0) {
      // hold the body back until the body handler runs after the delay
      ctx.request().pause();
      vertx.setTimer(latency, id -> afterLatency(ctx, path, now.faults()));
    } else {
      afterLatency(ctx, path, now.faults());
    }
  }

  private void afterLatency(RoutingContext ctx, String path, Faults injected) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (injected.dropRate() > 0 && random.nextDouble() < injected.dropRate()) {
      ctx.request().connection().close();
      return;
    }
    if (injected.faultRate() > 0 && random.nextDouble() < injected.faultRate()) {
      ctx.fail(ProblemException.unavailable("injected fault: the server is pretending to be overloaded", 1));
      return;
    }
    checkKey(ctx, path);
  }

  private void checkKey(RoutingContext ctx, String path) {
    String key = ctx.request().getHeader(Protocol.API_KEY_HEADER);
    ProblemException refusal = NO_KEY.contains(path) ? null : keys.refusal(path, key);
    if (refusal != null) {
      ctx.fail(refusal);
    } else {
      String tenant = keys.tenant(key);
      if (tenant != null) {
        ctx.put(TENANT_KEY, tenant);
      }
      String owner = keys.owner(key);
      if (owner != null) {
        ctx.put(OWNER_KEY, owner);
      }
      ctx.next();
    }
  }

  /**
   * Counts creates and status requests as {@link ServerStats} defines them: every served request
   * that is not a create or {@code /v1/capabilities} is a status request, whether or not a fault
   * or a missing key stops it.
   */
  private void countByKind(HttpMethod method, String path) {
    if (method == HttpMethod.POST && (path.equals("/v1/jobs") || path.equals("/job") || path.equals("/jobs"))) {
      metrics.createRequest();
    } else if (!path.equals("/v1/capabilities")) {
      metrics.statusRequest();
    }
  }

  /** Returns the request's content type, including a form type the gate took off the headers. */
  static String contentType(RoutingContext ctx) {
    String kept = ctx.get(CONTENT_TYPE_KEY);
    return kept != null ? kept : ctx.request().getHeader("Content-Type");
  }

  private static boolean isForm(String type) {
    String t = type.trim().toLowerCase(java.util.Locale.ROOT);
    return t.startsWith("multipart/") || t.startsWith("application/x-www-form-urlencoded");
  }

  private static String shorten(String value) {
    return value.length() > 64 ? value.substring(0, 64) + "..." : value;
  }

  /**
   * Returns the tenant of the request: the owner of the jobs it creates and the only owner whose
   * jobs it sees; null when no API keys are configured or for the admin key, which see every job.
   */
  static String tenant(RoutingContext ctx) {
    return ctx.get(TENANT_KEY);
  }

  /** Returns the owner of the jobs the request creates: its tenant, or the admin's; null without keys. */
  static String owner(RoutingContext ctx) {
    return ctx.get(OWNER_KEY);
  }
}
