package dev.vtstatus.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Holds the retained jobs and the idempotency keys that point at them, within a cap: when a new
 * job would exceed {@code maxJobs}, the jobs that ended longest ago are evicted first. The
 * server's default job is never evicted and does not count against the cap.
 *
 * <p>Thread-safe: reads are lock-free, adds and evictions are serialized on this object.
 */
final class JobStore {
  /** Thrown when the store is full of pending jobs, so nothing can be evicted. */
  static final class FullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FullException(String message) {
      super(message, null, false, false);
    }
  }

  /** The outcome of an add: the job (new or found by its idempotency key) and what was evicted. */
  record Added(SimulatedJob job, boolean created, List<SimulatedJob> evicted) {}

  /** Thrown when an idempotency key is reused with a different body. */
  static final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final SimulatedJob existing;

    ConflictException(SimulatedJob existing) {
      super("Idempotency-Key was used before with a different body", null, false, false);
      this.existing = existing;
    }
  }

  private record Keyed(JsonNode body, SimulatedJob job) {}

  private final int maxJobs;
  private final Map<String, SimulatedJob> jobs = new ConcurrentHashMap<>();
  private final Map<String, Keyed> byIdempotencyKey = new ConcurrentHashMap<>();
  private final Queue<SimulatedJob> endedInOrder = new ConcurrentLinkedQueue<>();
  private volatile SimulatedJob defaultJob;
  private int clientJobs;

  JobStore(int maxJobs) {
    this.maxJobs = maxJobs;
  }

  /** Returns the job with the id, or null. */
  SimulatedJob get(String id) {
    return jobs.get(id);
  }

  /** Returns the default job, or null before start. */
  SimulatedJob defaultJob() {
    return defaultJob;
  }

  /** Stores the server's default job. */
  synchronized void putDefault(SimulatedJob job) {
    defaultJob = job;
    jobs.put(job.id, job);
  }

  /**
   * Adds the job that {@code factory} makes, unless {@code idempotencyKey} names an earlier job
   * made from an equal body, which is returned instead.
   *
   * @throws ConflictException when the key was used with another body
   * @throws FullException when the cap is reached and no job has ended yet
   */
  synchronized Added add(String idempotencyKey, JsonNode body, Supplier<SimulatedJob> factory) {
    if (idempotencyKey != null) {
      Keyed keyed = byIdempotencyKey.get(idempotencyKey);
      if (keyed != null) {
        if (!keyed.body.equals(body)) {
          throw new ConflictException(keyed.job);
        }
        return new Added(keyed.job, false, List.of());
      }
    }
    List<SimulatedJob> evicted = List.of();
    while (clientJobs >= maxJobs) {
      SimulatedJob oldest = endedInOrder.poll();
      if (oldest == null) {
        throw new FullException(
            "the server holds its maximum of " + maxJobs + " jobs and none has ended yet");
      }
      if (jobs.remove(oldest.id, oldest)) {
        clientJobs--;
        if (oldest.idempotencyKey != null) {
          byIdempotencyKey.remove(oldest.idempotencyKey);
        }
        if (evicted.isEmpty()) {
          evicted = new ArrayList<>(1);
        }
        evicted.add(oldest);
      }
    }
    SimulatedJob job = factory.get();
    jobs.put(job.id, job);
    clientJobs++;
    if (idempotencyKey != null) {
      byIdempotencyKey.put(idempotencyKey, new Keyed(body, job));
    }
    return new Added(job, true, evicted);
  }

  /** Records that a job ended, making it a candidate for eviction. */
  void ended(SimulatedJob job) {
    if (job != defaultJob) {
      endedInOrder.add(job);
    }
  }

  /** Returns how many jobs are held, the default job included. */
  int size() {
    return jobs.size();
  }
}
