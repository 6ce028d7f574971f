package dev.vtstatus.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.protocol.TraceParent;
import dev.vtstatus.server.internal.jobs.Traces;
import dev.vtstatus.server.internal.push.OnLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/** Writes JSON answers with the headers every answer carries. Thread-safe. */
final class Responses {
  static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
  static final CharSequence TRACEPARENT = HttpHeaders.createOptimized(Protocol.TRACEPARENT_HEADER);

  private Responses() {}

  /**
   * Runs {@code next} with the result of {@code future} on the request's event loop; a failed
   * future, or a {@link ProblemException} thrown by {@code next}, becomes the problem answer.
   * Must be called on the request's event loop.
   */
  static <T> void then(RoutingContext ctx, Future<T> future, Consumer<T> next) {
    OnLoop.whenDone(Vertx.currentContext(), future, result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      try {
        next.accept(result.result());
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    });
  }

  /**
   * Makes every {@code traceparent} this request's answer carries unsampled ({@code -00}) when the
   * request's own {@code traceparent} is valid and unsampled: the caller's sampling decision is kept,
   * never turned into "record this". Other requests keep the sampled answers of {@link Traces}.
   */
  static void keepUnsampled(RoutingContext ctx) {
    String incoming = ctx.request().getHeader(TRACEPARENT);
    if (incoming == null) {
      return;
    }
    TraceParent parsed = TraceParent.parse(incoming).orElse(null);
    if (parsed == null || parsed.sampled()) {
      return;
    }
    ctx.addHeadersEndHandler(ignored -> {
      String answer = ctx.response().headers().get(TRACEPARENT);
      if (answer != null && answer.endsWith("-01")) {
        ctx.response().headers().set(TRACEPARENT, answer.substring(0, answer.length() - 2) + "00");
      }
    });
  }

  /** Ends the response with {@code body} as JSON and a {@code traceparent} of {@code traceId}. */
  static void json(HttpServerResponse response, int status, Object body, String traceId) {
    byte[] bytes;
    try {
      bytes = Json.mapper().writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
    }
    json(response, status, Buffer.buffer(bytes), traceId);
  }

  /** Ends the response with pre-encoded JSON. */
  static void json(HttpServerResponse response, int status, Buffer body, String traceId) {
    if (response.closed() || response.ended()) {
      return;
    }
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON);
    if (traceId != null) {
      response.putHeader(TRACEPARENT, Traces.header(traceId));
    }
    response.end(body);
  }
}
