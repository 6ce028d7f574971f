package dev.vtstatus.client.internal.strategy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Polls at once, then after {@code initial}, {@code initial * factor}, ... up to {@code max}, each
 * delay spread uniformly by {@code ±jitter} of itself and never above {@code max}. Immutable and
 * thread-safe.
 */
public final class ExponentialStrategy extends ScheduleStrategy {
  private final String name;
  private final Duration initial;
  private final double factor;
  private final Duration max;
  private final double jitter;
  private final DoubleSupplier random;

  /** Creates the strategy with a thread-safe uniform random source. */
  public ExponentialStrategy(String name, Duration initial, double factor, Duration max, double jitter) {
    this(name, initial, factor, max, jitter, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Creates the strategy with the given source of uniform numbers in [0, 1).
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public ExponentialStrategy(
      String name, Duration initial, double factor, Duration max, double jitter, DoubleSupplier random) {
    this.name = name;
    this.initial = Checks.positive("initial", initial);
    this.max = Checks.positive("max", max);
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max must be at least initial (" + initial + "), was " + max);
    }
    if (!(factor >= 1.0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be at least 1, was " + factor);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
    }
    this.factor = factor;
    this.jitter = jitter;
    this.random = random;
  }

  /** Returns the seed client's schedule: at once, then 2, 4, 8, 16, 30, 30... seconds. */
  public static ExponentialStrategy seed() {
    return new ExponentialStrategy("seed", Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30), 0.0);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PollPlanner newPlanner() {
    return input -> input.polls() == 0 ? Duration.ZERO : delayAfter(input.polls());
  }

  /** Returns the delay before poll number {@code polls + 1}, for {@code polls >= 1}. */
  Duration delayAfter(int polls) {
    double seconds = initial.toNanos() / 1e9 * Math.pow(factor, polls - 1);
    double maxSeconds = max.toNanos() / 1e9;
    seconds = Math.min(seconds, maxSeconds);
    if (jitter > 0) {
      seconds = seconds * (1.0 + jitter * (2.0 * random.getAsDouble() - 1.0));
    }
    return Checks.ofSecondsDouble(Math.min(seconds, maxSeconds));
  }
}
