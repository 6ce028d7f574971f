package dev.vtstatus.server.internal.trace;

import dev.vtstatus.protocol.Protocol;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The server's OpenTelemetry spans: one SERVER span per request, parented on the caller's {@code
 * traceparent}, and one span per job from its creation to its end, a child of the request that
 * created it, with an event at each transition. {@link #NONE}, used when the server is given no
 * OpenTelemetry, does nothing at all: no span, no context, no SDK.
 *
 * <p>Thread-safe. A job's span lives in this process from its create request to its terminal
 * event, like its timer; spans still open at {@link #close()} are ended then.
 */
public class ServerTracing implements AutoCloseable {
  /** Tracing switched off: every method returns at once. */
  public static final ServerTracing NONE = new ServerTracing();

  static final String INSTRUMENTATION = "dev.vtstatus.server";
  private static final String SPAN_KEY = "vtstatus.span";
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("vtstatus.job.id");
  private static final AttributeKey<String> JOB_STATUS = AttributeKey.stringKey("vtstatus.job.status");

  private static final TextMapGetter<HttpServerRequest> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(HttpServerRequest request) {
      return request.headers().names();
    }

    @Override
    public String get(HttpServerRequest request, String key) {
      return request == null ? null : request.getHeader(key);
    }
  };

  private ServerTracing() {}

  /** Returns tracing through {@code openTelemetry}, which the caller keeps and closes; NONE for null. */
  public static ServerTracing using(OpenTelemetry openTelemetry) {
    return openTelemetry == null ? NONE : new Active(openTelemetry);
  }

  /** Returns whether spans are made at all. */
  public boolean enabled() {
    return false;
  }

  /**
   * Starts the request's span and ends it with the answer; the request's {@code traceparent} is
   * replaced by the span's, so the job the request creates, its log lines and its answers carry
   * the span's trace.
   */
  public void startRequest(RoutingContext ctx, String route) {}

  /** Starts the span of a job the request in {@code ctx} created, as a child of its span. */
  public void jobCreated(RoutingContext ctx, String jobId, Instant createdAt) {}

  /**
   * Ends the job's span, if this process holds it, at the job's end.
   *
   * @param at the moment of the transition, read only when there is a span to end
   */
  public void jobEnded(String jobId, String status, Supplier<Instant> at) {}

  @Override
  public void close() {}

  private static final class Active extends ServerTracing {
    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final Map<String, Span> jobs = new ConcurrentHashMap<>();

    Active(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
      this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
    }

    @Override
    public boolean enabled() {
      return true;
    }

    @Override
    public void startRequest(RoutingContext ctx, String route) {
      HttpServerRequest request = ctx.request();
      Context parent = openTelemetry.getPropagators().getTextMapPropagator()
          .extract(Context.root(), request, HEADERS);
      String method = request.method().name();
      Span span = tracer.spanBuilder(route == null ? method : method + " " + route)
          .setParent(parent).setSpanKind(SpanKind.SERVER)
          .setAttribute(METHOD, method).setAttribute(PATH, request.path())
          .setAttribute(ROUTE, route == null ? "unmatched" : route)
          .startSpan();
      ctx.put(SPAN_KEY, span);
      request.headers().set(Protocol.TRACEPARENT_HEADER, traceparent(span));
      ctx.addEndHandler(result -> {
        if (result.succeeded()) {
          int status = ctx.response().getStatusCode();
          span.setAttribute(STATUS, (long) status);
          if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(ERROR_TYPE, Integer.toString(status));
          }
        } else {
          span.setStatus(StatusCode.ERROR, "connection closed before the answer");
          span.setAttribute(ERROR_TYPE, "closed");
        }
        span.end();
      });
    }

    @Override
    public void jobCreated(RoutingContext ctx, String jobId, Instant createdAt) {
      Span request = ctx.get(SPAN_KEY);
      Context parent = request == null ? Context.root() : Context.root().with(request);
      // the wire's times are whole milliseconds: the span lasts exactly from created_at to completed_at
      Instant start = createdAt.truncatedTo(ChronoUnit.MILLIS);
      Span span = tracer.spanBuilder("job").setParent(parent).setSpanKind(SpanKind.INTERNAL)
          .setStartTimestamp(start).setAttribute(JOB_ID, jobId)
          .setAttribute(JOB_STATUS, "pending").startSpan();
      span.addEvent("job created", start);
      jobs.put(jobId, span);
    }

    @Override
    public void jobEnded(String jobId, String status, Supplier<Instant> at) {
      Span span = jobs.remove(jobId);
      if (span != null) {
        Instant end = at.get();
        span.setAttribute(JOB_STATUS, status);
        span.addEvent("job " + status, end);
        span.end(end);
      }
    }

    @Override
    public void close() {
      // the server stops before these jobs end: their spans end now, still pending
      jobs.values().forEach(Span::end);
      jobs.clear();
    }

    private static String traceparent(Span span) {
      return "00-" + span.getSpanContext().getTraceId() + "-" + span.getSpanContext().getSpanId()
          + "-" + span.getSpanContext().getTraceFlags().asHex();
    }
  }
}
