package dev.vtstatus.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the audit log: what happened to a job, when, in which trace.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type one of {@code job_created}, {@code status_polled}, {@code status_changed}, {@code
 *     job_completed}, {@code job_failed}, {@code job_timed_out}, {@code request_retried}, {@code
 *     rate_limited}
 * @param timestamp when it happened, by the client's clock
 * @param jobId the job it is about (may be null for requests about no single job)
 * @param traceId the W3C trace id of the job's requests, or null when unknown
 * @param attempt the job's request count when it happened
 * @param elapsed time since the wait (or the create) started
 * @param details further fields in the order given, for example {@code status} or {@code delay_ms};
 *     a value is null when it is not known (a seed server gives no {@code completed_at}, so {@code
 *     detection_latency_ms} is null there), and such a field is written as JSON {@code null}
 */
public record AuditEvent(
    String type,
    Instant timestamp,
    String jobId,
    String traceId,
    int attempt,
    Duration elapsed,
    Map<String, Object> details) {

  /**
   * Copies the details, keeping their order and any null value: an event about a job whose values
   * are partly unknown is still recorded, never dropped.
   */
  public AuditEvent {
    details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
