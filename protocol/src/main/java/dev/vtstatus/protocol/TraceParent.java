package dev.vtstatus.protocol;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C trace context {@code traceparent} value: {@code 00-<trace id>-<parent id>-<flags>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param traceId 32 lowercase hex digits, not all zero
 * @param spanId 16 lowercase hex digits, not all zero
 * @param flags the trace flags, {@code 01} when sampled
 */
public record TraceParent(String traceId, String spanId, String flags) {
  private static final Pattern HEADER =
      Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final String ZERO_SPAN = "0".repeat(16);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  /** Checks the ids. */
  public TraceParent {
    if (!isLowerHex(traceId, 32) || traceId.equals(ZERO_TRACE)) {
      throw new IllegalArgumentException("invalid trace id: " + traceId);
    }
    if (!isLowerHex(spanId, 16) || spanId.equals(ZERO_SPAN)) {
      throw new IllegalArgumentException("invalid span id: " + spanId);
    }
    if (!isLowerHex(flags, 2)) {
      throw new IllegalArgumentException("invalid trace flags: " + flags);
    }
  }

  /**
   * Returns whether {@code s} is {@code length} lowercase hex digits. Checked by hand, not with
   * {@code String.matches}, which compiles its pattern on every call: a trace context is made for
   * every request on both sides.
   */
  private static boolean isLowerHex(String s, int length) {
    if (s == null || s.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** Starts a new sampled trace with random ids. */
  public static TraceParent newTrace() {
    return new TraceParent(randomHex(16, ZERO_TRACE), randomHex(8, ZERO_SPAN), "01");
  }

  /** Returns a child of this trace: same trace id and flags, a new span id. */
  public TraceParent newChild() {
    return new TraceParent(traceId, randomHex(8, ZERO_SPAN), flags);
  }

  /** Parses a header value; empty when it is absent or malformed (the W3C rule: restart). */
  public static Optional<TraceParent> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    var m = HEADER.matcher(header.trim());
    if (!m.matches() || m.group(1).equals(ZERO_TRACE) || m.group(2).equals(ZERO_SPAN)) {
      return Optional.empty();
    }
    return Optional.of(new TraceParent(m.group(1), m.group(2), m.group(3)));
  }

  /** Returns whether the sampled flag is set: the caller records this trace. */
  public boolean sampled() {
    return (Integer.parseInt(flags, 16) & 1) == 1;
  }

  /** Returns the header value. */
  public String header() {
    return "00-" + traceId + "-" + spanId + "-" + flags;
  }

  @Override
  public String toString() {
    return header();
  }

  private static String randomHex(int bytes, String zero) {
    byte[] b = new byte[bytes];
    String hex;
    do {
      RANDOM.nextBytes(b);
      hex = HEX.formatHex(b);
    } while (hex.equals(zero));
    return hex;
  }
}
