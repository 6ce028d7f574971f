package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.server.ServerStats;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The first handler of every request: counts it, applies the injected faults (rate limit 429,
 * added latency, dropped connection, 503) and checks the API key, in that order.
 *
 * <p>{@code /healthz} and {@code /metrics} bypass faults and keys so that a health check and a
 * scrape always work; {@code /v1/capabilities} bypasses keys only. Thread-safe.
 */
public final class RequestGate implements Handler<RoutingContext> {
  /** Routing-context key of the request's route template, for metrics. */
  static final String ROUTE_KEY = "vtstatus.route";
  /** Routing-context key of a form content type, removed from the headers before the body is read. */
  static final String CONTENT_TYPE_KEY = "vtstatus.contentType";

  private final Vertx vertx;
  private final RouteTemplates routes;
  private final ServerConfig config;
  private final ServerMetrics metrics;
  private final Bucket rateLimit;
  private final List<byte[]> keyDigests;

  RequestGate(Vertx vertx, ServerConfig config, ServerMetrics metrics, Bucket rateLimit, RouteTemplates routes) {
    this.vertx = vertx;
    this.routes = routes;
    this.config = config;
    this.metrics = metrics;
    this.rateLimit = rateLimit;
    this.keyDigests = config.apiKeys().stream().map(RequestGate::sha256).toList();
  }

  /** Returns the shared request-rate bucket for a config, or null when unlimited. */
  public static Bucket rateLimitBucket(ServerConfig config) {
    double rate = config.rateLimit();
    if (rate <= 0) {
      return null;
    }
    long capacity = Math.max(1, (long) Math.ceil(rate));
    Duration period = Duration.ofNanos((long) (capacity * 1_000_000_000d / rate));
    return Bucket.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build();
  }

  @Override
  public void handle(RoutingContext ctx) {
    metrics.received();
    Answers.keepUnsampled(ctx);
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    // named before any fault or key check, so that rejected requests are counted by route too
    String route = routes.match(path);
    ctx.put(ROUTE_KEY, route);
    ctx.addEndHandler(result -> metrics.request(route, method,
        result.succeeded() ? Integer.toString(ctx.response().getStatusCode()) : "closed"));
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
    if (path.equals("/healthz") || path.equals("/metrics")) {
      ctx.next();
      return;
    }
    countByKind(ctx.request().method(), path);
    if (rateLimit != null) {
      ConsumptionProbe probe = rateLimit.tryConsumeAndReturnRemaining(1);
      if (!probe.isConsumed()) {
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        ctx.fail(new ProblemException(429, "rate-limited", "Too many requests",
            "the server allows " + config.rateLimit() + " requests per second",
            Map.of(Protocol.RETRY_AFTER_HEADER, Long.toString(seconds))));
        return;
      }
    }
    long latency = config.faultLatency().toMillis();
    if (latency > 0) {
      // hold the body back until the body handler runs after the delay
      ctx.request().pause();
      vertx.setTimer(latency, id -> afterLatency(ctx, path));
    } else {
      afterLatency(ctx, path);
    }
  }

  private void afterLatency(RoutingContext ctx, String path) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (config.dropRate() > 0 && random.nextDouble() < config.dropRate()) {
      ctx.request().connection().close();
      return;
    }
    if (config.faultRate() > 0 && random.nextDouble() < config.faultRate()) {
      ctx.fail(ProblemException.unavailable("injected fault: the server is pretending to be overloaded", 1));
      return;
    }
    if (!keyDigests.isEmpty() && !path.equals("/v1/capabilities")
        && !validKey(ctx.request().getHeader(Protocol.API_KEY_HEADER))) {
      ctx.fail(new ProblemException(401, "unauthorized", "Unauthorized",
          "a valid " + Protocol.API_KEY_HEADER + " header is required",
          Map.of("WWW-Authenticate", "ApiKey header=\"" + Protocol.API_KEY_HEADER + "\"")));
      return;
    }
    ctx.next();
  }

  /**
   * Counts creates and status requests as {@link ServerStats} defines them: every request that is
   * not a create, {@code /healthz}, {@code /metrics} or {@code /v1/capabilities} is a status
   * request, whether or not a fault or a missing key stops it.
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

  /** Compares digests, so the time taken does not depend on where or whether a key differs. */
  private boolean validKey(String given) {
    if (given == null) {
      return false;
    }
    byte[] digest = sha256(given);
    boolean ok = false;
    for (byte[] key : keyDigests) {
      ok |= MessageDigest.isEqual(key, digest);
    }
    return ok;
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
