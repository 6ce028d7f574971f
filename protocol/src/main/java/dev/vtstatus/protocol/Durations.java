package dev.vtstatus.protocol;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as both sides use them: read as people type them, compared and checked with one rule
 * each. Stateless and thread-safe.
 */
public final class Durations {
  /** What a user is told to type when a value does not parse. */
  public static final String EXPECTED = "use e.g. 500ms, 5s, 2m or plain seconds (5, 0.5)";

  private static final String NUMBER = "(\\d+(?:\\.\\d*)?|\\.\\d+)";
  private static final Pattern PLAIN_SECONDS = Pattern.compile(NUMBER);
  private static final Pattern WITH_UNITS = Pattern.compile("(?:" + NUMBER + "(ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile(NUMBER + "(ms|s|m|h)");
  private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private Durations() {}

  /**
   * Reads a non-negative duration as people type it: {@code 500ms}, {@code 5s}, {@code 2m}, {@code
   * 1h}, combined ({@code 1m30s}), plain seconds ({@code 5}, {@code 0.5}) or ISO-8601 ({@code
   * PT0.5S}), rounded to the nanosecond.
   *
   * @throws IllegalArgumentException saying which forms are accepted when {@code text} is not one
   */
  public static Duration parse(String text) {
    String lower = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (lower.startsWith("pt")) {
      return iso(text, lower);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    if (PLAIN_SECONDS.matcher(lower).matches()) {
      nanos = new BigDecimal(lower).multiply(NANOS_PER_SECOND);
    } else if (WITH_UNITS.matcher(lower).matches()) {
      Matcher part = PART.matcher(lower);
      while (part.find()) {
        nanos = nanos.add(new BigDecimal(part.group(1)).multiply(nanosPer(part.group(2))));
      }
    } else {
      throw new IllegalArgumentException("'" + text + "' is not a duration; " + EXPECTED);
    }
    try {
      return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
    } catch (ArithmeticException tooLarge) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration; " + EXPECTED);
    }
  }

  /** Returns the shorter of two durations ({@code a} when they are equal). */
  public static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Returns the longer of two durations ({@code a} when they are equal). */
  public static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * Returns {@code value}, or throws naming it when it is null, zero or negative.
   *
   * @throws IllegalArgumentException {@code "NAME must be positive, was VALUE"}
   */
  public static Duration requirePositive(String name, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  private static Duration iso(String text, String lower) {
    Duration duration;
    try {
      duration = Duration.parse(lower.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; " + EXPECTED);
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' is negative; " + EXPECTED);
    }
    return duration;
  }

  private static BigDecimal nanosPer(String unit) {
    return switch (unit) {
      case "ms" -> NANOS_PER_MILLI;
      case "m" -> NANOS_PER_SECOND.multiply(BigDecimal.valueOf(60));
      case "h" -> NANOS_PER_SECOND.multiply(BigDecimal.valueOf(3600));
      default -> NANOS_PER_SECOND;
    };
  }
}
