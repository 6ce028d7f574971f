package dev.vtstatus.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Objects;

/**
 * The fault injection a server applies to its requests ({@code GET} and {@code PUT /admin/faults}).
 * Immutable; every value is checked at construction, with a message naming the wire field.
 *
 * <pre>{@code
 * Faults flaky = Faults.NONE.withFaultRate(0.2).withFaultLatency(Duration.ofMillis(50));
 * }</pre>
 *
 * @param faultRate the share of requests answered 503 with {@code Retry-After}, 0 to 1
 * @param faultLatency the latency added before each request is handled (wire: {@code fault_latency_ms})
 * @param dropRate the share of requests whose connection is closed without an answer, 0 to 1
 * @param rateLimit requests per second allowed before 429, or null for no limit (0 reads as null)
 */
public record Faults(
    double faultRate,
    @JsonProperty("fault_latency_ms") Duration faultLatency,
    double dropRate,
    Double rateLimit) {

  /** No faults at all: nothing injected, no rate limit. */
  public static final Faults NONE = new Faults(0, Duration.ZERO, 0, null);

  /**
   * Checks every value.
   *
   * @throws IllegalArgumentException naming the wire field of a value out of range
   */
  public Faults {
    requireShare("fault_rate", faultRate);
    Objects.requireNonNull(faultLatency, "fault_latency_ms");
    if (faultLatency.isNegative()) {
      throw new IllegalArgumentException(
          "field 'fault_latency_ms' must be at least 0, was " + faultLatency.toMillis());
    }
    requireShare("drop_rate", dropRate);
    if (rateLimit != null) {
      if (!(rateLimit >= 0) || rateLimit.isInfinite()) {
        throw new IllegalArgumentException(
            "field 'rate_limit' must be null or a number of requests per second >= 0, was " + rateLimit);
      }
      if (rateLimit == 0) {
        rateLimit = null;
      }
    }
  }

  private static void requireShare(String field, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException("field '" + field + "' must be between 0 and 1, was " + value);
    }
  }

  /** Returns these faults with another 503 share. */
  public Faults withFaultRate(double value) {
    return new Faults(value, faultLatency, dropRate, rateLimit);
  }

  /** Returns these faults with another added latency. */
  public Faults withFaultLatency(Duration value) {
    return new Faults(faultRate, value, dropRate, rateLimit);
  }

  /** Returns these faults with another share of dropped connections. */
  public Faults withDropRate(double value) {
    return new Faults(faultRate, faultLatency, value, rateLimit);
  }

  /** Returns these faults with another rate limit; null or 0 turns it off. */
  public Faults withRateLimit(Double value) {
    return new Faults(faultRate, faultLatency, dropRate, value);
  }
}
