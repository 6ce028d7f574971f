package dev.vtstatus.client.internal.strategy;

import dev.vtstatus.protocol.Durations;
import java.time.Duration;

/** Argument checks whose messages name the bad value. */
final class Checks {
  private Checks() {}

  static Duration positive(String name, Duration value) {
    return Durations.requirePositive(name, value);
  }

  static Duration clamp(Duration value, Duration floor, Duration cap) {
    return Durations.min(Durations.max(value, floor), cap);
  }

  static Duration ofSecondsDouble(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
