package dev.vtstatus.client;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.TraceParent;
import java.net.URI;
import java.time.Duration;

/**
 * Observes every step of the client's work: the one seam for metrics, audit logs and tracing.
 *
 * <p>Every method is a no-op by default; override the ones you need. Methods are called on the
 * client's own threads, never on the HTTP client's threads, and calls about one job arrive in
 * order. A listener that throws is logged and ignored: it never breaks a wait. Implementations must
 * be thread-safe, since calls about different jobs may arrive on different threads.
 */
public interface WaitListener {

  /** Called when a job was created by this client, with the trace the job's requests carry. */
  default void jobCreated(Job job, TraceParent trace) {}

  /** Called when a wait for a job starts, with the trace its requests carry. */
  default void waitStarted(String jobId, TraceParent trace) {}

  /**
   * Called before each HTTP request; {@code attempt} counts the job's requests from 1 (a retry is a
   * new attempt). {@code jobId} is null for requests about no single job (capabilities, batch reads,
   * the event stream).
   */
  default void requestSent(String jobId, String method, URI uri, int attempt) {}

  /** Called for each observation of a job's status, {@code elapsed} since the wait started. */
  default void statusPolled(String jobId, Job job, Duration elapsed) {}

  /**
   * Called when an observation shows a status other than the previous one seen; {@code from} is
   * null on the first observation of a job this client did not create (for a job it created, the
   * create answer is the first).
   */
  default void statusChanged(String jobId, JobStatus from, JobStatus to, Job job) {}

  /** Called once per wait when the terminal status is observed. */
  default void jobFinished(String jobId, Job job, WaitSummary summary) {}

  /** Called once per wait when its deadline passes first; {@code lastSeen} may be null. */
  default void jobTimedOut(String jobId, Job lastSeen, Duration timeout) {}

  /** Called when a transient failure will be retried after {@code delay}. */
  default void requestRetried(String jobId, int attempt, Duration delay, Throwable cause) {}

  /** Called when the client-side rate limit delays a request by {@code delay}. */
  default void rateLimited(String jobId, Duration delay) {}

  /**
   * Called when the way of waiting changes, for example from events to long poll ({@code cause}
   * says why), or back to events once the stream works again ({@code cause} is null).
   */
  default void channelChanged(String from, String to, Throwable cause) {}

  /**
   * Called when the client sets aside a replica that stopped answering: its requests go to the
   * other replicas of its base URLs, {@code to} being the next one; {@code jobId} is the job whose
   * request noticed, or null (the event stream, a batch read). Called once per outage, however
   * many requests failed on the replica.
   */
  default void replicaSwitched(String jobId, URI from, URI to, Throwable cause) {}

  /**
   * Called when a replica the client had set aside answers again (its health probe, or a request
   * sent when every replica was set aside), so it takes requests again.
   */
  default void replicaRecovered(URI replica) {}
}
