package dev.vtstatus.server;

import dev.vtstatus.protocol.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One simulated job: its plan (end time and outcome, drawn once at creation) and whether a client
 * canceled it. While pending, its status follows the clock; the terminal state (status and moment)
 * is decided exactly once, by the first read at or past the planned end or by a cancel before it,
 * whichever comes first, and never changes afterwards, whatever clock reading a later call brings.
 *
 * <p>Thread-safe: the plan is final, the terminal state is set by compare-and-set, parked waiters
 * are guarded by this object.
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

  /** The terminal state once decided: its status and the moment of the transition. */
  record Outcome(JobStatus status, Instant at) {}

  private final AtomicReference<Outcome> outcome = new AtomicReference<>();
  private volatile long endTimer = -1;
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

  /**
   * Returns the terminal state, deciding it as the planned outcome when {@code now} is at or past
   * the planned end; null while the job is pending at {@code now}.
   */
  Outcome outcome(Instant now) {
    Outcome decided = outcome.get();
    if (decided != null || now.isBefore(plannedEnd)) {
      return decided;
    }
    outcome.compareAndSet(null, new Outcome(plannedOutcome, plannedEnd));
    return outcome.get();
  }

  /** Returns the status at {@code now}: pending until the terminal state is decided. */
  JobStatus status(Instant now) {
    Outcome decided = outcome(now);
    return decided == null ? JobStatus.PENDING : decided.status();
  }

  /** Returns the moment of the terminal transition, or null while pending at {@code now}. */
  Instant completedAt(Instant now) {
    Outcome decided = outcome(now);
    return decided == null ? null : decided.at();
  }

  /**
   * Cancels the job at {@code now}; false when its terminal state was already decided, or when
   * {@code now} is at or past the planned end (which then decides the planned outcome).
   */
  boolean cancel(Instant now) {
    return outcome(now) == null && outcome.compareAndSet(null, new Outcome(JobStatus.CANCELED, now));
  }

  /** Returns whether a cancel decided the terminal state. */
  boolean isCanceled() {
    Outcome decided = outcome.get();
    return decided != null && decided.status() == JobStatus.CANCELED;
  }

  /** Returns the id of the timer that ends the job at its planned end, or -1 when none is set. */
  long endTimer() {
    return endTimer;
  }

  void endTimer(long id) {
    endTimer = id;
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
