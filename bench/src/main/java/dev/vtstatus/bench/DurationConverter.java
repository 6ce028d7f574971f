package dev.vtstatus.bench;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Reads a duration option: {@code 500ms}, {@code 0.5s}, {@code 2m}, a bare number of seconds, or
 * ISO-8601 ({@code PT0.5S}). Stateless and thread-safe.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  /**
   * Returns the duration {@code value} names.
   *
   * @throws CommandLine.TypeConversionException naming the value when it is not a duration
   */
  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("pt")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      if (v.endsWith("ms")) {
        return millis(Double.parseDouble(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return millis(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000);
      }
      if (v.endsWith("m")) {
        return millis(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000);
      }
      return millis(Double.parseDouble(v) * 1000);
    } catch (RuntimeException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration (try 500ms, 1.5s or 2m)");
    }
  }

  private static Duration millis(double ms) {
    if (!(ms >= 0) || Double.isInfinite(ms)) {
      throw new IllegalArgumentException("negative or infinite");
    }
    return Duration.ofNanos(Math.round(ms * 1_000_000));
  }
}
