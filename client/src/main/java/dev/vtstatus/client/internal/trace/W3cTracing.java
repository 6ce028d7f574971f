package dev.vtstatus.client.internal.trace;

import dev.vtstatus.protocol.TraceParent;

/** Trace context without a tracer: W3C ids generated here, a new span id per request. Stateless. */
public final class W3cTracing implements Tracing {

  @Override
  public OperationTrace start(String name, String jobId, TraceParent parent) {
    TraceParent own = parent == null ? TraceParent.newTrace() : parent.newChild();
    return new OperationTrace() {
      @Override
      public TraceParent traceParent() {
        return own;
      }

      @Override
      public RequestTrace request(String method, String uri) {
        TraceParent child = own.newChild();
        return new RequestTrace() {
          @Override
          public TraceParent traceParent() {
            return child;
          }

          @Override
          public void end(int statusCode, Throwable error) {}
        };
      }

      @Override
      public void end(String outcome, Throwable error) {}
    };
  }
}
