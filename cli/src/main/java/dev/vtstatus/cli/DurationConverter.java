package dev.vtstatus.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration as people type it: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or plain
 * seconds such as {@code 5} or {@code 0.5}. Every option of every command that takes a duration uses
 * this one converter, so they all accept the same forms.
 *
 * <p>Stateless and thread-safe.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  /** What a user is told to type when a value does not parse. */
  static final String EXPECTED = "use e.g. 500ms, 5s, 2m or plain seconds (5, 0.5)";

  private static final Pattern FORMAT =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(ms|s|m|h)?");
  private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  /** Creates the converter. */
  public DurationConverter() {}

  /**
   * Parses {@code value} into a non-negative duration, rounded to the nanosecond.
   *
   * @throws TypeConversionException saying which forms are accepted when {@code value} is not one
   */
  @Override
  public Duration convert(String value) {
    String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    Matcher matcher = FORMAT.matcher(text);
    if (!matcher.matches()) {
      throw new TypeConversionException("'" + value + "' is not a duration; " + EXPECTED);
    }
    BigDecimal amount = new BigDecimal(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    BigDecimal nanosPerUnit =
        switch (unit) {
          case "ms" -> NANOS_PER_MILLI;
          case "m" -> NANOS_PER_SECOND.multiply(BigDecimal.valueOf(60));
          case "h" -> NANOS_PER_SECOND.multiply(BigDecimal.valueOf(3600));
          default -> NANOS_PER_SECOND;
        };
    try {
      long nanos = amount.multiply(nanosPerUnit).setScale(0, RoundingMode.HALF_UP).longValueExact();
      return Duration.ofNanos(nanos);
    } catch (ArithmeticException tooLarge) {
      throw new TypeConversionException("'" + value + "' is too long a duration; " + EXPECTED);
    }
  }
}
