package dev.vtstatus.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration as people type it: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, plain
 * seconds such as {@code 5} or {@code 0.5}, or ISO-8601 such as {@code PT0.5S}. Every option of every
 * {@code vtstatus} command that takes a duration uses this one converter, so they all accept the
 * same forms.
 *
 * <p>Stateless and thread-safe.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  /** What a user is told to type when a value does not parse. */
  public static final String EXPECTED = "use e.g. 500ms, 5s, 2m or plain seconds (5, 0.5)";

  private static final String NUMBER = "(\\d+(?:\\.\\d*)?|\\.\\d+)";
  private static final Pattern PLAIN_SECONDS = Pattern.compile(NUMBER);
  private static final Pattern WITH_UNITS = Pattern.compile("(?:" + NUMBER + "(ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile(NUMBER + "(ms|s|m|h)");
  private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  /** Creates the converter. */
  public DurationConverter() {}

  /**
   * Parses {@code value} into a non-negative duration, rounded to the nanosecond. Parts with units
   * may be combined, as the command line prints durations: {@code 1m30s}.
   *
   * @throws TypeConversionException saying which forms are accepted when {@code value} is not one
   */
  @Override
  public Duration convert(String value) {
    String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (text.startsWith("pt")) {
      return iso(value, text);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    if (PLAIN_SECONDS.matcher(text).matches()) {
      nanos = new BigDecimal(text).multiply(NANOS_PER_SECOND);
    } else if (WITH_UNITS.matcher(text).matches()) {
      Matcher part = PART.matcher(text);
      while (part.find()) {
        nanos = nanos.add(new BigDecimal(part.group(1)).multiply(nanosPer(part.group(2))));
      }
    } else {
      throw new TypeConversionException("'" + value + "' is not a duration; " + EXPECTED);
    }
    try {
      return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
    } catch (ArithmeticException tooLarge) {
      throw new TypeConversionException("'" + value + "' is too long a duration; " + EXPECTED);
    }
  }

  private static Duration iso(String value, String text) {
    Duration duration;
    try {
      duration = Duration.parse(text.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not a duration; " + EXPECTED);
    }
    if (duration.isNegative()) {
      throw new TypeConversionException("'" + value + "' is negative; " + EXPECTED);
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
