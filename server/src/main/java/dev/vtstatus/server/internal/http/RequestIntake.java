package dev.vtstatus.server.internal.http;

import dev.vtstatus.server.ServerStats;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The first handler of every request: names its route and its {@link Policy} from the {@link
 * RouteTable}, counts it, and refuses a body it cannot frame. Then {@link FaultInjection} and
 * {@link KeyCheck} apply the policy. Thread-safe.
 */
final class RequestIntake implements Handler<RoutingContext> {
  /** Routing-context key of the request's {@link Policy}. */
  static final String POLICY_KEY = "vtstatus.policy";
  /** Routing-context key of a form content type, removed from the headers before the body is read. */
  static final String CONTENT_TYPE_KEY = "vtstatus.contentType";

  private final RouteTable routes;
  private final ServerMetrics metrics;

  RequestIntake(RouteTable routes, ServerMetrics metrics) {
    this.routes = routes;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long started = metrics.requestStarted();
    metrics.requestReceived();
    Responses.keepUnsampled(ctx);
    String method = ctx.request().method().name();
    // named before any fault or key check, so that rejected requests are counted by route too
    RouteTable.Target target = routes.target(method, ctx.request().path());
    ctx.put(POLICY_KEY, target.policy());
    ctx.addEndHandler(result -> metrics.requestAnswered(target.label(), method,
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
    count(target.policy().count());
    ctx.next();
  }

  /** Counts the request as {@link ServerStats} defines it, whether or not a fault or a missing key stops it. */
  private void count(Policy.Count count) {
    switch (count) {
      case NONE -> { }
      case SERVED -> metrics.serviceRequestReceived();
      case CREATE -> {
        metrics.serviceRequestReceived();
        metrics.createRequested();
      }
      case STATUS -> {
        metrics.serviceRequestReceived();
        metrics.statusRequested();
      }
    }
  }

  /** Returns the request's policy, set by the intake. */
  static Policy policy(RoutingContext ctx) {
    return ctx.get(POLICY_KEY);
  }

  /** Returns the request's content type, including a form type the intake took off the headers. */
  static String contentType(RoutingContext ctx) {
    String kept = ctx.get(CONTENT_TYPE_KEY);
    return kept != null ? kept : ctx.request().getHeader("Content-Type");
  }

  private static boolean isForm(String type) {
    String t = type.trim().toLowerCase(Locale.ROOT);
    return t.startsWith("multipart/") || t.startsWith("application/x-www-form-urlencoded");
  }

  private static String shorten(String value) {
    return value.length() > 64 ? value.substring(0, 64) + "..." : value;
  }
}
