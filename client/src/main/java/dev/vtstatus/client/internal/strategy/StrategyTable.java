package dev.vtstatus.client.internal.strategy;

import dev.vtstatus.client.WaitStrategy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The one table of strategy names: each name, whether it takes a time and its default, and the
 * strategy it makes. {@link WaitStrategy#named}, the command line's {@code --strategy} and the
 * benchmarks read it, so a new strategy is its class and one row here. Immutable and thread-safe.
 */
public enum StrategyTable {
  /** {@code auto}: events, else long polls, else adaptive polling. */
  AUTO("auto", null, time -> WaitStrategy.auto()),
  /** {@code events}: the client's one event stream. */
  EVENTS("events", null, time -> WaitStrategy.events()),
  /** {@code long-poll[:maxWait]}: long polls of at most the time, default 30 s. */
  LONG_POLL("long-poll", Duration.ofSeconds(30), WaitStrategy::longPoll),
  /** {@code adaptive}: polls where the learned durations say. */
  ADAPTIVE("adaptive", null, time -> WaitStrategy.adaptive()),
  /** {@code hinted}: follows the server's hints. */
  HINTED("hinted", null, time -> WaitStrategy.hinted()),
  /** {@code exponential[:initial]}: default 500 ms, doubling up to 30 s, with 10% jitter. */
  EXPONENTIAL("exponential", Duration.ofMillis(500),
      time -> WaitStrategy.exponential(time, 2.0, Duration.ofSeconds(30), 0.1)),
  /** {@code seed}: the seed client's schedule. */
  SEED("seed", null, time -> WaitStrategy.seed()),
  /** {@code fixed[:interval]}: polls every interval, default 1 s. */
  FIXED("fixed", Duration.ofSeconds(1), WaitStrategy::fixed);

  private static final List<String> NAMES = Arrays.stream(values()).map(StrategyTable::label).toList();

  private final String label;
  private final Duration defaultTime;
  private final Function<Duration, WaitStrategy> factory;

  StrategyTable(String label, Duration defaultTime, Function<Duration, WaitStrategy> factory) {
    this.label = label;
    this.defaultTime = defaultTime;
    this.factory = factory;
  }

  /** Returns the name, as {@code --strategy} takes it. */
  public String label() {
    return label;
  }

  /** Returns whether the strategy takes a time. */
  public boolean takesTime() {
    return defaultTime != null;
  }

  /** Returns every name, in the order help lists them. */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * Returns the strategy called {@code name} (any case), with {@code time} or, when null, its
   * default time.
   *
   * @throws IllegalArgumentException naming the known names when the name is unknown, or the
   *     strategies that take a time when this one takes none
   */
  public static WaitStrategy create(String name, Duration time) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    StrategyTable row = Arrays.stream(values()).filter(r -> r.label.equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown strategy '" + name + "'; use one of " + String.join(", ", NAMES)));
    if (time != null && !row.takesTime()) {
      List<String> timed = Arrays.stream(values()).filter(StrategyTable::takesTime).map(StrategyTable::label).toList();
      throw new IllegalArgumentException("strategy '" + row.label + "' takes no time; only "
          + String.join(", ", timed.subList(0, timed.size() - 1)) + " and " + timed.get(timed.size() - 1) + " do");
    }
    return row.factory.apply(time != null ? time : row.defaultTime);
  }
}
