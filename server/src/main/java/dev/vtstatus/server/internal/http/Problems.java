package dev.vtstatus.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.protocol.Problem;
import dev.vtstatus.server.internal.jobs.Traces;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import dev.vtstatus.server.internal.store.PendingShareException;
import dev.vtstatus.server.internal.store.StoreFullException;
import dev.vtstatus.server.internal.store.StoreUnavailableException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into {@code application/problem+json} answers: thrown {@link
 * ProblemException}s, Vert.x's own 404/405/413 and body-handler failures, unexpected exceptions
 * (500, logged, never shown) and requests the HTTP decoder rejected (e.g. 431 for huge headers).
 *
 * <p>Problem types are {@code urn:vtstatus:problem:<slug>}. Thread-safe.
 */
final class Problems {
  /** The prefix of every problem type URI. */
  static final String TYPE_PREFIX = "urn:vtstatus:problem:";

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  /** Answers a routing failure (thrown exception or {@code ctx.fail(code)}). */
  static void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response.putHeader(Responses.TRACEPARENT,
        Traces.header(Traces.traceId(ctx.request().getHeader(Responses.TRACEPARENT))));
    Throwable failure = ctx.failure();
    if (failure instanceof ProblemException p) {
      send(response, p);
      return;
    }
    if (failure instanceof PendingShareException) {
      send(response, new ProblemException(429, "pending-share", "Too many pending jobs", failure.getMessage(),
          Map.of("Retry-After", "1")));
      return;
    }
    if (failure instanceof StoreUnavailableException || failure instanceof StoreFullException) {
      send(response, ProblemException.unavailable(failure.getMessage(), 1));
      return;
    }
    int status = failure instanceof HttpException h ? h.getStatusCode() : ctx.statusCode();
    if (failure != null && !(failure instanceof HttpException)) {
      LOG.error("unexpected failure on {} {}", ctx.request().method(), ctx.normalizedPath(), failure);
      status = 500;
    }
    send(response, forStatus(status, ctx));
  }

  /** Answers {@code 400} to a request whose target has a malformed %-escape, before routing. */
  static void badTarget(HttpServerRequest request, ServerMetrics metrics) {
    HttpServerResponse response = request.response();
    String method = request.method().name();
    long started = metrics.requestStarted();
    response.endHandler(v -> metrics.requestAnswered(RouteTable.UNMATCHED, method,
        Integer.toString(response.getStatusCode()), started));
    send(response, ProblemException.badRequest(
        "the request target has a malformed %-escape (a '%' must be followed by two hex digits)"));
  }

  /** Answers a request the HTTP decoder rejected, then the connection closes. */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    String name = cause == null ? "" : cause.getClass().getSimpleName();
    ProblemException p;
    if (name.contains("TooLongHttpHeader")) {
      p = new ProblemException(431, "headers-too-large", "Request header fields too large",
          "the request headers exceed the server's limit", Map.of());
    } else if (name.contains("TooLongHttpLine")) {
      p = new ProblemException(414, "uri-too-long", "URI too long",
          "the request line exceeds the server's limit", Map.of());
    } else {
      p = ProblemException.badRequest("the request is not valid HTTP");
    }
    HttpServerResponse response = request.response();
    response.putHeader(HttpHeaders.CONNECTION, "close");
    send(response, p);
  }

  private static ProblemException forStatus(int status, RoutingContext ctx) {
    String path = ctx.request().path();
    return switch (status) {
      case 404 -> ProblemException.notFound("no route for " + ctx.request().method() + " " + path);
      case 405 -> new ProblemException(405, "method-not-allowed", "Method not allowed",
          "method " + ctx.request().method() + " is not allowed on " + path, Map.of());
      case 413 -> new ProblemException(413, "body-too-large", "Payload too large",
          "the request body exceeds the server's limit", Map.of());
      case 415 -> ProblemException.unsupportedMediaType("the body must be application/json");
      case 400 -> ProblemException.badRequest("the request could not be read");
      default -> status >= 400 && status < 500
          ? new ProblemException(status, "client-error", "Client error", "the request was refused", Map.of())
          : new ProblemException(500, "internal-error", "Internal server error",
              "the server failed to answer; see its log", Map.of());
    };
  }

  /** Writes a problem answer (or the problem's own body, e.g. a job for 409 on cancel). */
  static void send(HttpServerResponse response, ProblemException p) {
    response.setStatusCode(p.status);
    p.headers.forEach(response::putHeader);
    try {
      if (p.body != null) {
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        response.end(Buffer.buffer(Json.mapper().writeValueAsBytes(p.body)));
      } else {
        Problem problem = new Problem(TYPE_PREFIX + p.slug, p.title, p.status, p.getMessage());
        response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.end(Buffer.buffer(Json.mapper().writeValueAsBytes(problem)));
      }
    } catch (JsonProcessingException e) {
      LOG.error("cannot write a problem answer", e);
      response.setStatusCode(500).end();
    }
  }
}
