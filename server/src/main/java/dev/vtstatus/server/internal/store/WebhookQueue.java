package dev.vtstatus.server.internal.store;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The webhook deliveries still to make, shared by every replica of one store, so that a delivery
 * in retry survives the replica that started it. A delivery is queued by {@link
 * JobRepository#decide} together with the end it reports, already claimed by the deciding replica;
 * a claim is a lease: a delivery whose lease runs out (its replica died mid-attempt) is claimed
 * again by another. Thread-safe.
 */
public interface WebhookQueue {
  /**
   * One delivery.
   *
   * @param jobId the job whose end it reports; one delivery per job
   * @param traceId the job's trace id
   * @param target the job's {@code callback_url}
 * @param address the IP address the callback was checked against at create, connected to
   * @param body the job's terminal JSON
   * @param attempt the number of the attempt about to be made, from 1
   */
  record Delivery(String jobId, String traceId, URI target, String address, String body, int attempt) {}

  /**
   * Claims at most {@code limit} deliveries due at {@code now}, each until {@code leaseUntil}, so
   * that no other replica claims them meanwhile.
   */
  Future<List<Delivery>> claimDue(Instant now, Instant leaseUntil, int limit);

  /** Puts a delivery back, due at {@code dueAt} for attempt {@code nextAttempt}, unclaimed. */
  Future<Void> retry(String jobId, int nextAttempt, Instant dueAt);

  /** Forgets a delivery that was made or given up on. */
  Future<Void> done(String jobId);
}
