package dev.vtstatus.server.internal.jobs;

import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Runs tasks later: the one way the server's logic sets timers, so that a test can run them by
 * hand. Thread-safe.
 */
public interface Scheduler {
  /** Runs {@code task} once after {@code delay} (at least 1 ms) and returns an id for {@link #cancel}. */
  long schedule(Duration delay, Runnable task);

  /** Cancels a task that has not run yet; nothing happens for an id that ran or is unknown. */
  void cancel(long id);

  /** Returns the scheduler on {@code vertx}'s timers. */
  static Scheduler on(Vertx vertx) {
    return new Scheduler() {
      @Override
      public long schedule(Duration delay, Runnable task) {
        return vertx.setTimer(Math.max(1, delay.toMillis()), id -> task.run());
      }

      @Override
      public void cancel(long id) {
        vertx.cancelTimer(id);
      }
    };
  }
}
