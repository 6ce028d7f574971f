package dev.vtstatus.client;

import dev.vtstatus.protocol.Job;
import java.time.Duration;

/**
 * Thrown when a job is still not terminal when its wait's deadline passes.
 *
 * <p>Carries the job id, the timeout that was exceeded and the last status seen (null when no
 * answer arrived in time).
 */
public class WaitTimeoutException extends VideoTranslationException {
  private static final long serialVersionUID = 1L;

  /** The job that did not finish. */
  private final String jobId;
  /** The timeout that passed. */
  private final Duration timeout;
  private final transient Job lastSeen;
  private final transient WaitToken token;

  /** Creates the exception for a job, its timeout and the last job state seen (may be null). */
  public WaitTimeoutException(String jobId, Duration timeout, Job lastSeen) {
    this(jobId, timeout, lastSeen, null);
  }

  /**
   * Creates the exception for a job, its timeout, the last job state seen (may be null) and the
   * wait's token (may be null).
   */
  public WaitTimeoutException(String jobId, Duration timeout, Job lastSeen, WaitToken token) {
    super(
        "job '" + jobId + "' was not finished after " + timeout.toMillis() + " ms"
            + (lastSeen == null ? " (no status seen)" : " (last status: " + lastSeen.status().wireName() + ")"));
    this.jobId = jobId;
    this.timeout = timeout;
    this.lastSeen = lastSeen;
    this.token = token;
  }

  /**
   * Returns the token of the wait that timed out, or null when there is none: its budget is spent,
   * so resuming it reads the job once and times out again unless the job has ended meanwhile.
   */
  public WaitToken token() {
    return token;
  }

  /** Returns the id of the job that did not finish in time. */
  public String jobId() {
    return jobId;
  }

  /** Returns the timeout that was exceeded. */
  public Duration timeout() {
    return timeout;
  }

  /** Returns the last job state seen before the deadline, or null when none was seen. */
  public Job lastSeen() {
    return lastSeen;
  }
}
