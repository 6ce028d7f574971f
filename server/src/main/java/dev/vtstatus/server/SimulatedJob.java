package dev.vtstatus.server;

import dev.vtstatus.protocol.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One simulated job: its plan (end time and outcome, drawn once at creation) and whether a client
 * canceled it. Its status is a pure function of the job and a clock reading, so two reads at the
 * same moment always agree and a terminal status never changes.
 *
 * <p>Thread-safe: the plan is final, cancellation and parked waiters are guarded by this object.
 */
final class SimulatedJob {
  /** Something parked on the job's terminal transition; {@link #wake()} may run on any thread. */
  interface Waiter {
    void wake();
  }

  final String id;
  final long sequence;
  final Instant createdAt;
  final Instant plannedEnd;
  final JobStatus plannedOutcome;
  final CreateRequest request;
  final String traceId;
  final String idempotencyKey;

  /** The terminal JSON, written once; null while pending or not yet rendered. */
  volatile byte[] terminalJson;
  /** The fixed fragments of the pending JSON, written once; see {@link JobRenderer}. */
  volatile String[] pendingFragments;

  private volatile Instant canceledAt;
  private boolean announced;
  private List<Waiter> waiters;
  private volatile long terminalEventId;

  SimulatedJob(
      String id,
      long sequence,
      Instant createdAt,
      Instant plannedEnd,
      JobStatus plannedOutcome,
      CreateRequest request,
      String traceId,
      String idempotencyKey) {
    this.id = id;
    this.sequence = sequence;
    this.createdAt = createdAt;
    this.plannedEnd = plannedEnd;
    this.plannedOutcome = plannedOutcome;
    this.request = request;
    this.traceId = traceId;
    this.idempotencyKey = idempotencyKey;
  }

  /** Returns the status at {@code now}: canceled once canceled, else the outcome from the end on. */
  JobStatus status(Instant now) {
    Instant canceled = canceledAt;
    if (canceled != null && !now.isBefore(canceled)) {
      return JobStatus.CANCELED;
    }
    return now.isBefore(plannedEnd) ? JobStatus.PENDING : plannedOutcome;
  }

  /** Returns the moment of the terminal transition, or null while pending at {@code now}. */
  Instant completedAt(Instant now) {
    JobStatus status = status(now);
    if (status == JobStatus.PENDING) {
      return null;
    }
    return status == JobStatus.CANCELED ? canceledAt : plannedEnd;
  }

  /** Cancels the job at {@code now}; false when it is already terminal then. */
  synchronized boolean cancel(Instant now) {
    if (status(now) != JobStatus.PENDING) {
      return false;
    }
    canceledAt = now;
    return true;
  }

  /** Parks a waiter until the terminal transition is announced; false when it already was. */
  synchronized boolean park(Waiter waiter) {
    if (announced) {
      return false;
    }
    if (waiters == null) {
      waiters = new ArrayList<>(2);
    }
    waiters.add(waiter);
    return true;
  }

  /** Removes a parked waiter, e.g. when its request timed out or its client went away. */
  synchronized void unpark(Waiter waiter) {
    if (waiters != null) {
      waiters.remove(waiter);
    }
  }

  /**
   * Marks the terminal transition as announced and hands back the parked waiters; null when it was
   * announced before, so that each job is announced exactly once.
   */
  synchronized List<Waiter> announce() {
    if (announced) {
      return null;
    }
    announced = true;
    List<Waiter> parked = waiters == null ? List.of() : waiters;
    waiters = null;
    return parked;
  }

  /** Returns the id of the job's terminal event, or 0 before it was published. */
  long terminalEventId() {
    return terminalEventId;
  }

  void terminalEventId(long id) {
    terminalEventId = id;
  }
}
