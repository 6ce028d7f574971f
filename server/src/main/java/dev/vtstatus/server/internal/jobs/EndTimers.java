package dev.vtstatus.server.internal.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One replica's timers at the planned ends of the jobs it watches: at most one per job, holding
 * only the job's id (never the job), so that a canceled or evicted job is not kept alive by it.
 * Thread-safe.
 */
final class EndTimers {
  private final Scheduler scheduler;
  private final Clock clock;
  private final Consumer<String> atPlannedEnd;
  private final Map<String, Long> timers = new ConcurrentHashMap<>();

  /** Creates the registry; {@code atPlannedEnd} gets a job's id once the clock reaches its planned end. */
  EndTimers(Scheduler scheduler, Clock clock, Consumer<String> atPlannedEnd) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.atPlannedEnd = atPlannedEnd;
  }

  /** Sets the job's timer unless it has one. */
  void watch(String id, Instant plannedEnd) {
    timers.computeIfAbsent(id, key -> schedule(key, plannedEnd));
  }

  private long schedule(String id, Instant plannedEnd) {
    long[] timer = new long[1];
    timer[0] = scheduler.schedule(Duration.between(clock.instant(), plannedEnd), () -> {
      if (clock.instant().isBefore(plannedEnd)) {
        // a timer may fire a little before the clock reaches the planned end
        timers.replace(id, timer[0], schedule(id, plannedEnd));
      } else if (timers.remove(id, timer[0])) {
        atPlannedEnd.accept(id);
      }
    });
    return timer[0];
  }

  /** Cancels the job's timer, e.g. once its end is known. */
  void cancel(String id) {
    Long timer = timers.remove(id);
    if (timer != null) {
      scheduler.cancel(timer);
    }
  }

  /** Cancels every timer. */
  void cancelAll() {
    timers.keySet().forEach(this::cancel);
  }
}
