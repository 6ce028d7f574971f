package dev.vtstatus.client.internal.trace;

import dev.vtstatus.protocol.TraceParent;

/**
 * Makes the trace context of the client's work: one trace per job, a new span per request.
 * Thread-safe.
 */
public interface Tracing {

  /**
   * Starts a span for one operation on a job (create, wait, read, cancel). Call it on the caller's
   * thread: with OpenTelemetry the span is a child of the caller's current context when that holds
   * a span, else of {@code parent}.
   *
   * @param name the span name, for example {@code vtstatus.wait}
   * @param jobId the job, or null when not known yet
   * @param parent the job's trace from its creation, or null to start a new trace
   */
  OperationTrace start(String name, String jobId, TraceParent parent);

  /** One operation's span. */
  interface OperationTrace {
    /** Returns the trace context of the operation itself. */
    TraceParent traceParent();

    /** Starts a child span for one request and returns the {@code traceparent} it sends. */
    RequestTrace request(String method, String uri);

    /** Ends the operation's span; {@code error} null when it succeeded. */
    void end(String outcome, Throwable error);
  }

  /** One request's span. */
  interface RequestTrace {
    /** Returns the {@code traceparent} header to send. */
    TraceParent traceParent();

    /**
     * Adds the trace context headers to send: {@code traceparent}, and whatever else the configured
     * propagators carry ({@code tracestate}, {@code baggage}).
     */
    default void inject(java.util.Map<String, String> headers) {
      headers.put(dev.vtstatus.protocol.Protocol.TRACEPARENT_HEADER, traceParent().header());
    }

    /** Ends the request's span with the answer's status code (0 when none) or the error. */
    void end(int statusCode, Throwable error);
  }
}
