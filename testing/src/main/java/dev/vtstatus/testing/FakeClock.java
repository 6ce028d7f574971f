package dev.vtstatus.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when a test moves it, with {@link #advance(Duration)} or {@link
 * #set(Instant)}, and never backwards. Its zone is always UTC. Thread-safe: code under test may
 * read it from any thread while the test moves it.
 */
public final class FakeClock extends Clock {
  /** Where a clock made with {@link #FakeClock()} starts: {@code 2026-11-23T10:00:00Z}. */
  public static final Instant DEFAULT_START = Instant.parse("2026-11-23T10:00:00Z");

  private final AtomicReference<Instant> now;

  /** Creates a clock that reads {@code start} until it is moved. */
  public FakeClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Creates a clock that reads {@link #DEFAULT_START} until it is moved. */
  public FakeClock() {
    this(DEFAULT_START);
  }

  /**
   * Moves the clock to {@code instant}.
   *
   * @throws IllegalArgumentException if {@code instant} is before the time the clock reads
   */
  public void set(Instant instant) {
    now.updateAndGet(current -> checkedMove(current, instant));
  }

  /**
   * Moves the clock forward by {@code by}.
   *
   * @throws IllegalArgumentException if {@code by} is negative
   */
  public void advance(Duration by) {
    now.updateAndGet(current -> checkedMove(current, current.plus(by)));
  }

  /** Returns the time the clock was last moved to. */
  @Override
  public Instant instant() {
    return now.get();
  }

  /** Returns UTC. */
  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Returns this clock: the zone does not change what a fake clock reads. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  private static Instant checkedMove(Instant current, Instant next) {
    if (next.isBefore(current)) {
      throw new IllegalArgumentException("time cannot go back: " + next + " < " + current);
    }
    return next;
  }
}
