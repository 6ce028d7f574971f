package dev.vtstatus.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.vtstatus.protocol.Json;
import java.time.Duration;
import java.util.Locale;

/** Formats durations and JSON for people reading a terminal. Stateless and thread-safe. */
final class Formats {
  private static final ObjectWriter PRETTY = Json.mapper().writerWithDefaultPrettyPrinter();

  private Formats() {}

  /** Formats a duration the way the duration options accept it: {@code 250ms}, {@code 1.5s}, {@code 2s}, {@code 2m5s}. */
  static String duration(Duration duration) {
    if (duration == null) {
      return "-";
    }
    long millis = duration.toMillis();
    if (millis < 1_000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      String seconds = String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
      return seconds.endsWith(".0s") ? seconds.substring(0, seconds.length() - 3) + "s" : seconds;
    }
    long seconds = duration.toSeconds();
    return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
  }

  /** Counts things in English: {@code count(1, "job")} is {@code 1 job}, {@code count(5, "job")} is {@code 5 jobs}. */
  static String count(long n, String thing) {
    return n + " " + thing + (n == 1 ? "" : "s");
  }

  /** Writes a value as indented JSON with the protocol's conventions (snake_case, ms durations). */
  static String prettyJson(Object value) {
    try {
      return PRETTY.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
