package dev.vtstatus.client.internal.trace;

import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.protocol.TraceParent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.URI;
import java.util.Map;

/**
 * Real OpenTelemetry spans: one per operation on a job, a child of the caller's current context
 * (so a traced request that calls the client keeps one trace), or of the job's creation trace when
 * the caller has no span; and a client span per HTTP request, named and described by the HTTP
 * client semantic conventions ({@code GET}, {@code http.request.method}, {@code server.address},
 * {@code server.port}, {@code url.full}, {@code http.response.status_code}, {@code error.type}).
 * Request headers are written by the configured propagators, so {@code tracestate} and baggage
 * travel; a {@code traceparent} is always sent, even when no propagator writes one. When the
 * OpenTelemetry in use does not record (its span contexts are invalid), ids are generated as {@link
 * W3cTracing} does. Thread-safe.
 */
public final class OtelTracing implements Tracing {
  private static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("vtstatus.job_id");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("vtstatus.outcome");
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
  private static final AttributeKey<String> ADDRESS = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final TextMapSetter<Map<String, String>> SETTER = Map::put;

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final W3cTracing fallback = new W3cTracing();

  /** Creates the tracing with the given OpenTelemetry, its tracer and its propagators. */
  public OtelTracing(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("dev.vtstatus.client");
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  @Override
  public OperationTrace start(String name, String jobId, TraceParent parent) {
    Context parentContext = Context.current();
    if (!Span.fromContext(parentContext).getSpanContext().isValid() && parent != null) {
      SpanContext remote =
          SpanContext.createFromRemoteParent(
              parent.traceId(), parent.spanId(), TraceFlags.fromHex(parent.flags(), 0), TraceState.getDefault());
      parentContext = parentContext.with(Span.wrap(remote));
    }
    var builder = tracer.spanBuilder(name).setParent(parentContext).setSpanKind(SpanKind.INTERNAL);
    if (jobId != null) {
      builder.setAttribute(JOB_ID, jobId);
    }
    Span span = builder.startSpan();
    if (!span.getSpanContext().isValid()) {
      span.end();
      return fallback.start(name, jobId, parent);
    }
    TraceParent own = toTraceParent(span.getSpanContext());
    Context spanContext = parentContext.with(span);
    return new OperationTrace() {
      @Override
      public TraceParent traceParent() {
        return own;
      }

      @Override
      public RequestTrace request(String method, String uri) {
        return new HttpSpan(spanContext, method, URI.create(uri));
      }

      @Override
      public void end(String outcome, Throwable error) {
        if (outcome != null) {
          span.setAttribute(OUTCOME, outcome);
        }
        if (error != null) {
          span.recordException(error);
          span.setStatus(StatusCode.ERROR);
        }
        span.end();
      }
    };
  }

  /** One HTTP request's client span. */
  private final class HttpSpan implements RequestTrace {
    private final Span span;
    private final Context context;

    HttpSpan(Context parent, String method, URI uri) {
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
      this.span = tracer.spanBuilder(method)
          .setParent(parent)
          .setSpanKind(SpanKind.CLIENT)
          .setAttribute(METHOD, method)
          .setAttribute(URL, uri.toString())
          .setAttribute(ADDRESS, uri.getHost())
          .setAttribute(PORT, (long) port)
          .startSpan();
      this.context = parent.with(span);
    }

    @Override
    public TraceParent traceParent() {
      return toTraceParent(span.getSpanContext());
    }

    @Override
    public void inject(Map<String, String> headers) {
      propagator.inject(context, headers, SETTER);
      headers.putIfAbsent(Protocol.TRACEPARENT_HEADER, traceParent().header());
    }

    @Override
    public void end(int statusCode, Throwable error) {
      if (statusCode > 0) {
        span.setAttribute(STATUS, (long) statusCode);
      }
      if (error != null) {
        span.recordException(error);
        span.setAttribute(ERROR_TYPE, error.getClass().getName());
        span.setStatus(StatusCode.ERROR);
      } else if (statusCode >= 400) {
        // Semantic conventions: a client span is an error for any 4xx or 5xx answer.
        span.setAttribute(ERROR_TYPE, Integer.toString(statusCode));
        span.setStatus(StatusCode.ERROR);
      }
      span.end();
    }
  }

  private static TraceParent toTraceParent(SpanContext context) {
    return new TraceParent(context.getTraceId(), context.getSpanId(), context.getTraceFlags().asHex());
  }
}
