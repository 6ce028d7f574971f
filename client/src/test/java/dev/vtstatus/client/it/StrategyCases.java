package dev.vtstatus.client.it;

import dev.vtstatus.client.WaitStrategy;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The wait strategies the integration tests run every job under, as {@code (name, strategy)}
 * arguments for a {@code @MethodSource}, so that every test covers the same set.
 */
final class StrategyCases {
  private StrategyCases() {}

  /** Returns every strategy that waits by reading the status, then {@code auto}. */
  static Stream<Arguments> polling() {
    return named(Stream.concat(pollers(), Stream.of(WaitStrategy.auto())));
  }

  /** Returns every strategy: the polling ones, long polling, events, then {@code auto}. */
  static Stream<Arguments> all() {
    return named(
        Stream.concat(
            pollers(),
            Stream.of(
                WaitStrategy.longPoll(Duration.ofSeconds(5)),
                WaitStrategy.events(),
                WaitStrategy.auto())));
  }

  private static Stream<WaitStrategy> pollers() {
    return Stream.of(
        WaitStrategy.fixed(Duration.ofMillis(50)),
        WaitStrategy.exponential(Duration.ofMillis(25), 2.0, Duration.ofMillis(400), 0.2),
        WaitStrategy.seed(),
        WaitStrategy.hinted(),
        WaitStrategy.adaptive());
  }

  private static Stream<Arguments> named(Stream<WaitStrategy> strategies) {
    return strategies.map(s -> Arguments.of(s.name(), s));
  }
}
