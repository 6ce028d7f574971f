package dev.vtstatus.cli;

import dev.vtstatus.client.WaitStrategy;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a wait strategy by name, one of {@link WaitStrategy#names()} ({@code auto}, {@code
 * events}, {@code long-poll}, {@code adaptive}, {@code hinted}, {@code exponential}, {@code seed},
 * {@code fixed}). The ones with a time take it after a colon: {@code fixed:2s} (default 1 s),
 * {@code long-poll:20s} (default 30 s), {@code exponential:250ms} (first interval, default 500 ms,
 * doubling up to 30 s with 10% jitter); {@link WaitStrategy#named} holds the defaults.
 *
 * <p>Stateless and thread-safe.
 */
final class StrategyConverter implements ITypeConverter<WaitStrategy>, Iterable<String> {
  /** The names {@code --strategy} accepts, in the order help lists them. */
  static final List<String> NAMES = WaitStrategy.names();

  private final DurationConverter durations = new DurationConverter();

  @Override
  public WaitStrategy convert(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    Duration time = colon < 0 ? null : durations.convert(text.substring(colon + 1));
    if (!NAMES.contains(name)) {
      throw new TypeConversionException(
          "unknown strategy '" + value + "'; use one of " + String.join(", ", NAMES));
    }
    try {
      return WaitStrategy.named(name, time);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** Lists the names for picocli's {@code ${COMPLETION-CANDIDATES}} and shell completion. */
  @Override
  public Iterator<String> iterator() {
    return NAMES.iterator();
  }
}
