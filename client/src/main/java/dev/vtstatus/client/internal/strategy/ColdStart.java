package dev.vtstatus.client.internal.strategy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lets the jobs of a burst learn from each other while the duration model is still cold (fewer
 * than {@value DurationModel#MIN_SAMPLES} ended jobs).
 *
 * <p>A client that creates many jobs at once knows nothing of their durations, so each would be
 * planned on the prior, whose first look (1.5 s) may come long after short jobs have ended. Instead,
 * once at least {@value #BURST} cold waits are in flight, a few of the burst's waits become
 * <em>scouts</em>: as many as the model needs durations to fit, plus one per {@value #SCOUT_SHARE}
 * cold waits in flight (none while waits are few, so jobs waited for one or a few at a time cost no
 * more than the prior). A scout looks at ages growing by {@value #SCOUT_GROWTH}x from {@value #SCOUT_FIRST_AGE} s,
 * so what its polls reveal (still pending at one age, ended by the next) brackets its duration
 * within 50%. The other waits, the <em>followers</em>, keep their polls planned on the prior. Every
 * ended job adds a duration to the shared model at once, and while the model holds at most {@value
 * #REPLAN_UNTIL} durations every follower's scheduled poll is planned again from it: so as soon as
 * the scouts have found the first five ends, the followers poll where the fitted schedule says, and
 * each of their own ends sharpens the fit for the rest. Thread-safe.
 */
final class ColdStart {
  /** Cold waits in flight from which on a burst sends scouts. */
  static final int BURST = 8;
  /** One more scout per this many cold waits in flight. */
  static final int SCOUT_SHARE = 25;
  /** A scout's first look, as a job age in seconds. */
  static final double SCOUT_FIRST_AGE = 0.1;
  /** How a scout's look ages grow. */
  static final double SCOUT_GROWTH = 1.5;
  /** Waits are re-planned on each new duration until the model holds this many. */
  static final int REPLAN_UNTIL = 64;

  /** In the order the waits began, so the oldest jobs are offered to scout first. */
  private final Set<Runnable> subscribers = new LinkedHashSet<>();
  private int cold;
  private int scouts;

  /**
   * Counts a wait that plans while the model is cold, and returns whether it becomes a scout: when
   * at least {@value #BURST} other cold waits are in flight and the scouts are fewer than the
   * model's minimum of durations plus one per {@value #SCOUT_SHARE} cold waits.
   */
  boolean enlist() {
    boolean scout;
    boolean burstBegins;
    synchronized (this) {
      scout = roomForScout();
      cold++;
      if (scout) {
        scouts++;
      }
      burstBegins = cold == BURST + 1;
    }
    if (burstBegins) {
      // the waits already in flight have the oldest jobs, whose ends come first: let them scout
      notifySubscribers();
    }
    return scout;
  }

  /** Makes an enlisted follower a scout if the burst has room for one more; returns whether. */
  synchronized boolean promote() {
    if (!roomForScout()) {
      return false;
    }
    scouts++;
    return true;
  }

  private boolean roomForScout() {
    return cold >= BURST && scouts < DurationModel.MIN_SAMPLES + cold / SCOUT_SHARE;
  }

  /** Forgets a wait counted by {@link #enlist()}, once it has ended. */
  synchronized void leave(boolean scout) {
    cold--;
    if (scout) {
      scouts--;
    }
  }

  /** Returns the scouts in flight. */
  synchronized int scouts() {
    return scouts;
  }

  /** Subscribes to re-planning; returns the unsubscribe. */
  Runnable subscribe(Runnable replan) {
    synchronized (subscribers) {
      subscribers.add(replan);
    }
    return () -> {
      synchronized (subscribers) {
        subscribers.remove(replan);
      }
    };
  }

  /** Tells every subscriber to plan again, while the model holds at most {@value #REPLAN_UNTIL}. */
  void learned(int samples) {
    if (samples <= REPLAN_UNTIL) {
      notifySubscribers();
    }
  }

  private void notifySubscribers() {
    List<Runnable> all;
    synchronized (subscribers) {
      all = new ArrayList<>(subscribers);
    }
    all.forEach(Runnable::run);
  }

  /** Returns a scout's next look after {@code age} (by at least a millisecond), in seconds. */
  static double scoutAgeAfter(double age) {
    double next = SCOUT_FIRST_AGE;
    while (next <= age + 1e-3) {
      next *= SCOUT_GROWTH;
    }
    return next;
  }
}
