package dev.vtstatus.server.internal.store;

import dev.vtstatus.protocol.JobStatus;
import java.time.Instant;

/**
 * A job's terminal state: its status, the moment of the transition and, for an error, what the
 * job reports. Immutable.
 *
 * @param status {@code completed}, {@code error} or {@code canceled}
 * @param at the moment of the terminal transition ({@code completed_at})
 * @param errorCode the error code shown for {@code error}, or null for the default
 * @param errorMessage the error message shown for {@code error}, or null for the default
 * @param eventId the id of the job's terminal event; 0 while not yet published
 */
public record Outcome(JobStatus status, Instant at, String errorCode, String errorMessage, long eventId) {

  /** Returns the outcome without error details and with no event yet. */
  public static Outcome of(JobStatus status, Instant at) {
    return new Outcome(status, at, null, null, 0);
  }

  /** Returns this outcome as published under event {@code id}. */
  public Outcome withEventId(long id) {
    return new Outcome(status, at, errorCode, errorMessage, id);
  }
}
