package dev.vtstatus.server;

import dev.vtstatus.protocol.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/** The checks {@link ServerConfig} applies to its values, each returning the value or failing with a message naming it. */
final class ConfigChecks {
  private ConfigChecks() {}

  static long requireRange(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  static double requireShare(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
    }
    return value;
  }

  static double requireRate(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be >= 0 requests per second, was " + value);
    }
    return value;
  }

  static Duration requirePositive(String name, Duration value) {
    return Durations.requirePositive(name, value);
  }

  static Duration requireNonNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return value;
  }

  static String requireKey(String name, String value) {
    if (value != null && (value.isBlank() || value.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
      throw new IllegalArgumentException(name + " must be printable ASCII without spaces");
    }
    return value;
  }

  static Set<String> requireKeys(String name, Set<String> keys) {
    for (String key : keys) {
      if (key.isBlank()) {
        throw new IllegalArgumentException(name + " must not contain a blank key");
      }
    }
    return keys;
  }

  /** Three quarters of the process's open-file limit, or 10,000 when it cannot be read. */
  static int defaultMaxConnections() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      long limit = unix.getMaxFileDescriptorCount();
      if (limit > 0) {
        return (int) Math.max(16, Math.min(Integer.MAX_VALUE, limit - limit / 4));
      }
    }
    return 10_000;
  }
}
