package dev.vtstatus.server.internal.jobs;

import java.time.Instant;

/**
 * A job as one replica answers for it at one moment. Immutable.
 *
 * @param id the job id
 * @param traceId the job's trace id, for the {@code traceparent} of answers
 * @param plannedEnd the job's planned end; null when only the terminal event was seen
 * @param rendered the status, poll hint and JSON
 * @param terminalEventId the id of the job's terminal event, 0 while pending or not yet published
 * @param owner the job's owner (the API key that created it), or null when tenants are not in use
 */
public record JobView(String id, String traceId, Instant plannedEnd, JobRenderer.Rendered rendered,
    long terminalEventId, String owner) {

  /**
   * Returns whether {@code tenant} may see this job: a null tenant (no keys configured) sees every
   * job, and every tenant sees the server's default job, which has no owner.
   */
  public boolean visibleTo(String tenant) {
    return visibleTo(owner, tenant);
  }

  /** Returns whether {@code tenant} may see a job of {@code owner}, by the rule of {@link #visibleTo(String)}. */
  public static boolean visibleTo(String owner, String tenant) {
    return tenant == null || owner == null || tenant.equals(owner);
  }

  /** Returns whether the job has ended. */
  public boolean terminal() {
    return rendered.status().isTerminal();
  }
}
