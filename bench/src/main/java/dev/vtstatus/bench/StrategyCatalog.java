package dev.vtstatus.bench;

import dev.vtstatus.client.WaitStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The strategies a benchmark can run, by name, and how each is configured against a run's job
 * mix. Stateless and thread-safe.
 *
 * <p>The two baselines are scaled with the jobs (see {@link BenchConfig#compression()}):
 * {@code fixed:1s} polls every 1 s divided by the compression, {@code seed} follows the seed
 * client's schedule (at once, then 2, 4, 8, 16, 30, 30... s) divided likewise, and {@code
 * exponential} is scaled too. The others are the client's own strategies by their names ({@link
 * WaitStrategy#named}), unscaled: they adapt to the jobs by themselves; {@code long-poll} waits
 * {@link BenchConfig#longPollWait()} per request.
 */
public final class StrategyCatalog {

  /**
   * Every strategy of the client's table ({@link WaitStrategy#names()}), baselines first: the
   * reverse of the order help lists them in, which puts the best first, with {@code fixed} run as
   * {@code fixed:1s}. The default of {@code --strategies}.
   */
  public static final List<String> NAMES = baselinesFirst();

  /** The strategies of {@code --scale}. */
  public static final List<String> SCALE_NAMES = List.of("events", "long-poll", "adaptive");

  /** The suffix of a run against a server that speaks only the seed protocol. */
  public static final String SEED_PROTOCOL_SUFFIX = "@seed-protocol";

  private StrategyCatalog() {}

  private static List<String> baselinesFirst() {
    List<String> names = new ArrayList<>(WaitStrategy.names());
    Collections.reverse(names);
    names.replaceAll(name -> name.equals("fixed") ? "fixed:1s" : name);
    return List.copyOf(names);
  }

  /**
   * Checks that {@code name} is a strategy this benchmark knows.
   *
   * @throws IllegalArgumentException naming the unknown strategy and the known ones
   */
  public static void requireKnown(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "unknown strategy '" + name + "' (known: " + String.join(", ", NAMES) + ")");
    }
  }

  /**
   * Returns the wait strategy called {@code name}, configured for {@code config}'s jobs.
   *
   * @throws IllegalArgumentException when the name is unknown
   */
  public static WaitStrategy create(String name, BenchConfig config) {
    requireKnown(name);
    switch (name) {
      case "fixed:1s":
        return WaitStrategy.fixed(config.compress(Duration.ofSeconds(1)));
      case "seed":
        return WaitStrategy.exponential(
            config.compress(Duration.ofSeconds(2)), 2.0, config.compress(Duration.ofSeconds(30)), 0);
      case "exponential":
        return WaitStrategy.exponential(
            config.compress(Duration.ofSeconds(1)), 1.5, config.compress(Duration.ofSeconds(5)), 0.1);
      case "long-poll":
        return WaitStrategy.named(name, config.longPollWait());
      default:
        return WaitStrategy.named(name, null);
    }
  }

  /** Returns how {@code name} is reported when it runs against a seed-protocol server. */
  public static String onSeedProtocol(String name) {
    return name + SEED_PROTOCOL_SUFFIX;
  }
}
