package dev.vtstatus.server.internal.jobs;

import dev.vtstatus.protocol.TraceParent;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C trace context on the hot path: reads the trace id of an incoming {@code traceparent} and
 * writes answer headers with a fresh span id, without the cost of a secure random per request.
 * Thread-safe.
 */
public final class Traces {
  private Traces() {}

  /** Returns the trace id of a {@code traceparent} header, or a new one when absent or invalid. */
  public static String traceId(String header) {
    return TraceParent.parse(header).map(TraceParent::traceId).orElseGet(Traces::newTraceId);
  }

  /** Returns a {@code traceparent} value for the trace with a new span id. */
  public static String header(String traceId) {
    return "00-" + traceId + "-" + hex(ThreadLocalRandom.current().nextLong() | 1L, 16) + "-01";
  }

  /** Returns a new random trace id. */
  public static String newTraceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return hex(random.nextLong() | 1L, 16) + hex(random.nextLong(), 16);
  }

  private static String hex(long value, int digits) {
    String s = Long.toHexString(value);
    return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
  }
}
