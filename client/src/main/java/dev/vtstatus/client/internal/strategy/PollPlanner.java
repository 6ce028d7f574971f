package dev.vtstatus.client.internal.strategy;

import java.time.Duration;

/**
 * The schedule of one job's polls: pure logic, no I/O, so tests check exact schedules. One planner
 * serves one wait and is called from one thread at a time.
 */
public interface PollPlanner {

  /** Returns how long to wait before the next poll (zero: at once). */
  Duration nextDelay(PollInput input);

  /**
   * Returns whether a poll it planned may be planned again when the strategy learns something
   * ({@link ScheduleStrategy#onReplan}); the default is true. A plan drawn from the server's
   * estimate is not: planning it again later from the same estimate would only push it back.
   */
  default boolean replannable() {
    return true;
  }

  /** Tells the planner its wait has ended, so it gives back what it holds; the default does nothing. */
  default void close() {}
}
