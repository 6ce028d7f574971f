package dev.vtstatus.server;

import java.time.Duration;
import java.util.Objects;

/** The checks {@link ServerConfig} applies to its values, each failing with a message naming the value. */
final class ConfigChecks {
  private ConfigChecks() {}

  static void requireRange(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", was " + value);
    }
  }

  static void requireShare(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
    }
  }

  static void requirePositive(String name, Duration value) {
    requireNonNegative(name, value);
    if (value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  static void requireNonNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
  }

  static void requireKey(String name, String value) {
    if (value != null && (value.isBlank() || value.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
      throw new IllegalArgumentException(name + " must be printable ASCII without spaces");
    }
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
