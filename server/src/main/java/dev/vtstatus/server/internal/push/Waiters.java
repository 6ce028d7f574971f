package dev.vtstatus.server.internal.push;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests parked on this replica until a job ends, by job id. Thread-safe: each job's set is
 * changed only inside the map's atomic operations.
 */
public final class Waiters {
  /** Something parked on a job's end; {@link #wake()} may run on any thread. */
  public interface Waiter {
    /** Tells the waiter that its job has ended. */
    void wake();
  }

  private final Map<String, Set<Waiter>> byJob = new ConcurrentHashMap<>();

  /** Parks {@code waiter} on the job {@code jobId}. */
  public void park(String jobId, Waiter waiter) {
    byJob.compute(jobId, (id, set) -> {
      Set<Waiter> waiters = set == null ? new HashSet<>(2) : set;
      waiters.add(waiter);
      return waiters;
    });
  }

  /** Removes a parked waiter, e.g. when its request timed out or its client went away. */
  public void unpark(String jobId, Waiter waiter) {
    byJob.computeIfPresent(jobId, (id, set) -> {
      set.remove(waiter);
      return set.isEmpty() ? null : set;
    });
  }

  /** Wakes and forgets every waiter of the job. */
  public void wake(String jobId) {
    Set<Waiter> waiters = byJob.remove(jobId);
    if (waiters != null) {
      for (Waiter waiter : waiters) {
        waiter.wake();
      }
    }
  }
}
