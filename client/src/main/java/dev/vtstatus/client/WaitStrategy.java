package dev.vtstatus.client;

import dev.vtstatus.client.internal.strategy.AdaptiveStrategy;
import dev.vtstatus.client.internal.strategy.AutoStrategy;
import dev.vtstatus.client.internal.strategy.EventsStrategy;
import dev.vtstatus.client.internal.strategy.ExponentialStrategy;
import dev.vtstatus.client.internal.strategy.FixedStrategy;
import dev.vtstatus.client.internal.strategy.HintedStrategy;
import dev.vtstatus.client.internal.strategy.LongPollStrategy;
import dev.vtstatus.client.internal.strategy.StrategyTable;
import java.time.Duration;
import java.util.List;

/**
 * How a client waits for jobs to end: the schedule of its polls, or a channel on which the server
 * tells it.
 *
 * <p>Strategies are immutable and thread-safe; obtain them from the static factories and give one
 * to {@link VideoTranslationClientBuilder#waitStrategy}. A strategy that learns ({@link #adaptive()})
 * keeps what it learned per client. docs/STRATEGIES.md compares them.
 *
 * <pre>{@code
 * VideoTranslationClient client = VideoTranslationClient.builder()
 *     .baseUrl("http://127.0.0.1:5000")
 *     .waitStrategy(WaitStrategy.exponential(Duration.ofMillis(500), 2.0, Duration.ofSeconds(10), 0.2))
 *     .build();
 * }</pre>
 */
public interface WaitStrategy {

  /**
   * Polls at once, then every {@code interval}.
   *
   * @throws IllegalArgumentException when the interval is not positive
   */
  static WaitStrategy fixed(Duration interval) {
    return new FixedStrategy(interval);
  }

  /**
   * Polls at once, then after {@code initial}, growing by {@code factor} up to {@code max}; each
   * delay is spread uniformly by {@code ±jitter} of itself (0 for none), never beyond {@code max}.
   *
   * @throws IllegalArgumentException naming the value when initial or max is not positive, max is
   *     below initial, factor is below 1 or jitter is outside 0 to 1
   */
  static WaitStrategy exponential(Duration initial, double factor, Duration max, double jitter) {
    return new ExponentialStrategy("exponential", initial, factor, max, jitter);
  }

  /** The seed client's schedule, for comparison: polls at once, then after 2, 4, 8, 16, 30, 30... s. */
  static WaitStrategy seed() {
    return ExponentialStrategy.seed();
  }

  /**
   * Follows the server's hints on every pending answer: {@code estimated_completion_at} (aiming a
   * little before it, since estimates are noisy, so the next, sharper estimate closes in), else
   * {@code poll_after_ms} or {@code Retry-After}; each delay kept between a floor (100 ms) and a cap
   * (30 s). Without hints it behaves like {@link #seed()}.
   */
  static WaitStrategy hinted() {
    return HintedStrategy.defaults();
  }

  /**
   * Learns the distribution of job durations from the jobs this client has seen (per language pair
   * once enough samples exist) and places polls where completion is likely, using the fewest polls
   * that meet a detection-latency target; follows the server's hints when present. Starts from a
   * prior sparser than {@link #seed()} until samples exist; the jobs of a burst learn from each
   * other while they run. Polls due together are merged into batch reads where the server allows.
   */
  static WaitStrategy adaptive() {
    return AdaptiveStrategy.defaults();
  }

  /**
   * Long polls, S being the least of {@code maxWait}, the server's maximum and the time left: on
   * servers that offer batch long polls, concurrent waits share {@code GET /v1/jobs?ids=...&wait=S}
   * in groups of up to 50 jobs; otherwise {@code GET /v1/jobs/{id}?wait=S} in a loop per job.
   * Against a server without long polls it polls adaptively.
   *
   * @throws IllegalArgumentException when maxWait is not positive
   */
  static WaitStrategy longPoll(Duration maxWait) {
    return new LongPollStrategy(maxWait);
  }

  /**
   * Listens on one server-sent-events stream per client for every job it waits for; re-reads its
   * jobs with batch reads after a gap; falls back to long polls, then polling, if the stream fails.
   */
  static WaitStrategy events() {
    return EventsStrategy.INSTANCE;
  }

  /**
   * The default: reads {@code /v1/capabilities} once and uses events, else long polls, else hinted
   * adaptive polling, falling back to the next when a channel fails.
   */
  static WaitStrategy auto() {
    return AutoStrategy.INSTANCE;
  }

  /**
   * Returns the strategy called {@code name} (any case), as the command line's {@code --strategy}
   * spells it (see {@link #names()}), with {@code time} (null for the default) for those that take
   * one: {@code fixed} (the interval, default 1 s), {@code long-poll} (the longest wait, default
   * 30 s) and {@code exponential} (the first delay, default 500 ms, doubling up to 30 s with 10%
   * jitter).
   *
   * <pre>{@code
   * WaitStrategy s = WaitStrategy.named("fixed", Duration.ofSeconds(2));
   * }</pre>
   *
   * @throws IllegalArgumentException naming the known names when the name is unknown, or when a
   *     time is given to a strategy that takes none
   */
  static WaitStrategy named(String name, Duration time) {
    return StrategyTable.create(name, time);
  }

  /**
   * Returns the names {@link #named} knows, in the order help lists them: {@code auto}, {@code
   * events}, {@code long-poll}, {@code adaptive}, {@code hinted}, {@code exponential}, {@code seed},
   * {@code fixed}.
   */
  static List<String> names() {
    return StrategyTable.names();
  }

  /**
   * Returns the strategy's name: {@code fixed}, {@code exponential}, {@code seed}, {@code hinted},
   * {@code adaptive}, {@code long-poll}, {@code events} or {@code auto}.
   */
  String name();
}
