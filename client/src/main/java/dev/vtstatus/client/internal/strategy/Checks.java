package dev.vtstatus.client.internal.strategy;

import java.time.Duration;

/** Argument checks whose messages name the bad value. */
final class Checks {
  private Checks() {}

  static Duration positive(String name, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  static Duration clamp(Duration value, Duration floor, Duration cap) {
    return min(max(value, floor), cap);
  }

  static Duration ofSecondsDouble(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
