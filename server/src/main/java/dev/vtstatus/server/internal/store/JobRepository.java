package dev.vtstatus.server.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.JobStatus;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The retained jobs and the idempotency keys that point at them, shared by every replica of one
 * store. Every method returns at once; its future completes on any thread. A future fails with
 * {@link StoreUnavailableException} when the store cannot be reached.
 *
 * <p>Events are published by the repository itself, in the same atomic step as the change they
 * report, so that a job is never created or ended without its event, and exactly one replica
 * publishes each job's terminal event.
 *
 * <p>Implementations are thread-safe.
 */
public interface JobRepository {
  /** The result of a create: the job (new, or the earlier one of its idempotency key) and what was evicted. */
  record Created(JobRecord job, boolean created, List<Evicted> evicted) {}

  /** A terminal job dropped to stay within the job cap or the memory budget. */
  record Evicted(String id, String traceId) {}

  /**
   * The result of a proposed transition: the job as stored afterwards (null when it is unknown),
   * and whether this proposal decided its end.
   */
  record Decided(JobRecord job, boolean won) {}

  /** Returns the job with the id, or null. */
  Future<JobRecord> get(String id);

  /** Returns the jobs with the ids, in the same order, with null for each one that is unknown. */
  Future<List<JobRecord>> getAll(List<String> ids);

  /**
   * Creates the job that {@code factory} makes from the next creation sequence number (carrying
   * {@code owner} and {@code idempotencyKey} as its {@link JobRecord#owner()} and {@link
   * JobRecord#idempotencyKey()}), unless {@code idempotencyKey} names an earlier job of the same
   * owner made from an equal body, which is returned instead. When the job cap or the memory budget
   * of the store's {@link StoreLimits} is reached, the jobs that ended longest ago are evicted
   * first. A new job's event ({@code createdEvent} of it) is published with it.
   *
   * <p>Fails with {@link IdempotencyConflictException} when the key was used with another body, with
   * {@link PendingShareException} when {@code owner} holds its share of pending jobs, and with
   * {@link StoreFullException} when the cap or the budget is reached and evicting every ended job
   * would not make room.
   */
  Future<Created> create(
      String owner,
      String idempotencyKey,
      JsonNode body,
      LongFunction<JobRecord> factory,
      Function<JobRecord, String> createdEvent);

  /**
   * Proposes a terminal transition of the job {@code id}; it wins when {@link
   * Transition#acceptableFor} holds for the stored job, atomically. The winner's terminal event
   * ({@code terminalEvent} of the decided job) is published with it, its webhook (when it has a
   * callback) is queued with the same JSON, claimed by the caller until {@code leaseUntil}, and the
   * job becomes a candidate for eviction.
   */
  Future<Decided> decide(
      String id, Transition transition, Function<JobRecord, String> terminalEvent, Instant leaseUntil);

  /** Returns at most {@code limit} ids of jobs still undecided at or past their planned end at {@code now}. */
  Future<List<String>> due(Instant now, int limit);

  /**
   * Returns the default job served by {@code GET /status}, one for every replica of the store;
   * creates it with {@code factory} when there is none. It never counts against the cap.
   */
  Future<JobRecord> defaultJob(LongFunction<JobRecord> factory);

  /**
   * Returns up to {@code limit} held jobs, newest (highest creation sequence) first, the default job
   * included; only those whose status at {@code now} is {@code status} when it is not null.
   */
  Future<List<JobRecord>> newest(JobStatus status, Instant now, int limit);

  /**
   * Forgets every job but the default one, with their idempotency keys; returns the ids forgotten.
   * Creation sequence numbers go on, so later jobs get new plans.
   */
  Future<List<String>> forgetClientJobs();

  /** Returns how many jobs are held, the default job included, as last known; never blocks. */
  int retained();

  /**
   * Passes to {@code listener}, on a thread of the store's choosing, the ids of jobs evicted by
   * other replicas of the store (and possibly this one's own, which {@link Created#evicted()}
   * lists), so that a replica drops them from what it caches; the listener must not block. A store
   * that only one replica uses never calls it.
   */
  default void onEvicted(Consumer<String> listener) {
    // one replica learns of its evictions from each Created
  }
}
