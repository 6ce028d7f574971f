package dev.vtstatus.cli;

import dev.vtstatus.client.WaitStrategy;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a wait strategy by name: {@code auto}, {@code events}, {@code long-poll}, {@code adaptive},
 * {@code hinted}, {@code exponential}, {@code seed} or {@code fixed}. The ones with a time take it
 * after a colon: {@code fixed:2s} (default 1 s), {@code long-poll:20s} (default 30 s), {@code
 * exponential:250ms} (first interval, default 500 ms, doubling up to 30 s with 10% jitter).
 *
 * <p>Stateless and thread-safe.
 */
final class StrategyConverter implements ITypeConverter<WaitStrategy>, Iterable<String> {
  /** The names {@code --strategy} accepts, in the order help lists them. */
  static final List<String> NAMES =
      List.of("auto", "events", "long-poll", "adaptive", "hinted", "exponential", "seed", "fixed");

  private final DurationConverter durations = new DurationConverter();

  @Override
  public WaitStrategy convert(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    Duration time = colon < 0 ? null : durations.convert(text.substring(colon + 1));
    WaitStrategy strategy =
        switch (name) {
          case "auto" -> WaitStrategy.auto();
          case "events" -> WaitStrategy.events();
          case "long-poll" -> WaitStrategy.longPoll(orDefault(time, Duration.ofSeconds(30)));
          case "adaptive" -> WaitStrategy.adaptive();
          case "hinted" -> WaitStrategy.hinted();
          case "exponential" -> WaitStrategy.exponential(
              orDefault(time, Duration.ofMillis(500)), 2.0, Duration.ofSeconds(30), 0.1);
          case "seed" -> WaitStrategy.seed();
          case "fixed" -> WaitStrategy.fixed(orDefault(time, Duration.ofSeconds(1)));
          default -> throw new TypeConversionException(
              "unknown strategy '" + value + "'; use one of " + String.join(", ", NAMES));
        };
    if (time != null && !List.of("long-poll", "exponential", "fixed").contains(name)) {
      throw new TypeConversionException(
          "strategy '" + name + "' takes no time; only fixed, long-poll and exponential do");
    }
    return strategy;
  }

  private static Duration orDefault(Duration value, Duration fallback) {
    return value == null ? fallback : value;
  }

  /** Lists the names for picocli's {@code ${COMPLETION-CANDIDATES}} and shell completion. */
  @Override
  public Iterator<String> iterator() {
    return NAMES.iterator();
  }
}
