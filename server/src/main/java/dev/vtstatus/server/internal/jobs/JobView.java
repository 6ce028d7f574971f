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
 */
public record JobView(
    String id, String traceId, Instant plannedEnd, JobRenderer.Rendered rendered, long terminalEventId) {

  /** Returns whether the job has ended. */
  public boolean terminal() {
    return rendered.status().isTerminal();
  }
}
