package dev.vtstatus.cli;

import dev.vtstatus.protocol.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration as people type it ({@link Durations#parse}): {@code 500ms}, {@code 5s}, {@code
 * 2m}, {@code 1h}, plain seconds such as {@code 5} or {@code 0.5}, or ISO-8601 such as {@code
 * PT0.5S}. Every option of every {@code vtstatus} command that takes a duration uses this one
 * converter, so they all accept the same forms.
 *
 * <p>Stateless and thread-safe.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  /** What a user is told to type when a value does not parse. */
  public static final String EXPECTED = Durations.EXPECTED;

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
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException bad) {
      throw new TypeConversionException(bad.getMessage());
    }
  }
}
