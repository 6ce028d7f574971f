package dev.vtstatus.server.internal.store;

import dev.vtstatus.protocol.JobStatus;
import java.time.Instant;

/**
 * One simulated job as the store holds it: its plan (end time and outcome, drawn once at creation)
 * and, once decided, its terminal {@link Outcome}. Immutable, so it can travel between replicas.
 *
 * <p>While no outcome is stored, the status follows the clock: pending before the planned end, the
 * planned outcome at and after it. Since a {@link Transition} other than the planned end is only
 * accepted before the planned end, a status once terminal never changes, whatever the store.
 *
 * @param id the job id, a lowercase UUID
 * @param sequence the creation sequence number, from the store; the plan is drawn from it
 * @param createdAt when the job was created
 * @param plannedEnd when the job ends unless a transition comes first
 * @param plannedOutcome how the job ends at its planned end
 * @param request the create request
 * @param traceId the job's trace id
 * @param idempotencyKey the {@code Idempotency-Key} it was created with, or null
 * @param owner the tenant that owns the job, or null when tenants are not in use
 * @param sizeBytes what the job costs the store, roughly, in bytes
 * @param outcome the stored terminal state, or null while undecided
 */
public record JobRecord(
    String id,
    long sequence,
    Instant createdAt,
    Instant plannedEnd,
    JobStatus plannedOutcome,
    CreateRequest request,
    String traceId,
    String idempotencyKey,
    String owner,
    int sizeBytes,
    Outcome outcome) {

  /** What a job costs the store beyond its create body, roughly, in bytes. */
  public static final int BASE_SIZE = 512;

  /** What an idempotency record costs the store, roughly, in bytes: key, digest and index entry. */
  public static final int IDEMPOTENCY_RECORD_SIZE = 256;

  /**
   * Returns roughly what a job made from a body of {@code bodyBytes} costs while it is retained:
   * its fields, with the metadata kept once as text (up to two bytes a character).
   */
  public static int sizeOf(int bodyBytes) {
    return BASE_SIZE + 2 * bodyBytes;
  }

  /**
   * Returns the name an idempotency key is kept under: scoped by {@code owner}, so that two API
   * keys may use the same {@code Idempotency-Key}; null when {@code key} is null.
   */
  public static String scopedKey(String owner, String key) {
    return key == null || owner == null ? key : owner + " " + key;
  }

  /** Returns what this job costs the store while retained: {@link #sizeBytes()} and its idempotency record. */
  public long retainedBytes() {
    return sizeBytes + (idempotencyKey == null ? 0 : IDEMPOTENCY_RECORD_SIZE);
  }

  /** Returns the terminal state at {@code now}: the stored one, the planned one at or past the planned end, else null. */
  public Outcome outcome(Instant now) {
    if (outcome != null) {
      return outcome;
    }
    return now.isBefore(plannedEnd) ? null : Outcome.of(plannedOutcome, plannedEnd);
  }

  /** Returns the status at {@code now}: pending until the terminal state is decided. */
  public JobStatus status(Instant now) {
    Outcome decided = outcome(now);
    return decided == null ? JobStatus.PENDING : decided.status();
  }

  /** Returns the moment of the terminal transition, or null while pending at {@code now}. */
  public Instant completedAt(Instant now) {
    Outcome decided = outcome(now);
    return decided == null ? null : decided.at();
  }

  /** Returns this job with {@code decided} as its stored terminal state. */
  public JobRecord withOutcome(Outcome decided) {
    return new JobRecord(id, sequence, createdAt, plannedEnd, plannedOutcome, request, traceId,
        idempotencyKey, owner, sizeBytes, decided);
  }
}
