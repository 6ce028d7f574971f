package dev.vtstatus.client.internal.trace;

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

/**
 * Real OpenTelemetry spans: one per operation on a job, a client span per request, the {@code
 * traceparent} taken from the request span. When the OpenTelemetry in use does not record (its span
 * contexts are invalid), ids are generated as {@link W3cTracing} does, so every request still
 * carries one. Thread-safe.
 */
public final class OtelTracing implements Tracing {
  private static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("vtstatus.job_id");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("vtstatus.outcome");
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

  private final Tracer tracer;
  private final W3cTracing fallback = new W3cTracing();

  /** Creates the tracing with the given OpenTelemetry. */
  public OtelTracing(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("dev.vtstatus.client");
  }

  @Override
  public OperationTrace start(String name, String jobId, TraceParent parent) {
    Context parentContext = Context.root();
    if (parent != null) {
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
        Span child =
            tracer
                .spanBuilder("HTTP " + method)
                .setParent(spanContext)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(METHOD, method)
                .setAttribute(URL, uri)
                .startSpan();
        TraceParent header = toTraceParent(child.getSpanContext());
        return new RequestTrace() {
          @Override
          public TraceParent traceParent() {
            return header;
          }

          @Override
          public void end(int statusCode, Throwable error) {
            if (statusCode > 0) {
              child.setAttribute(STATUS, (long) statusCode);
            }
            if (error != null) {
              child.recordException(error);
              child.setStatus(StatusCode.ERROR);
            } else if (statusCode >= 500) {
              child.setStatus(StatusCode.ERROR);
            }
            child.end();
          }
        };
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

  private static TraceParent toTraceParent(SpanContext context) {
    return new TraceParent(context.getTraceId(), context.getSpanId(), context.getTraceFlags().asHex());
  }
}
