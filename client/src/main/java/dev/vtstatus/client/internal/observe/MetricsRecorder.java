package dev.vtstatus.client.internal.observe;

import dev.vtstatus.client.ClientMetrics;
import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitSummary;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Route;
import dev.vtstatus.protocol.TraceParent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what {@link ClientMetrics} reports, as a listener. Thread-safe (synchronized).
 *
 * <p>Jobs are counted by id: a job waited for twice counts once, and a job that timed out and is
 * later seen to end moves from timed out to its outcome.
 *
 * <p>A status request is every GET that reads statuses: single reads, long polls, batch reads and
 * event-stream connects (not creates, cancels or the capabilities probe). Requests per replica count
 * every request, by the scheme, host and port it went to.
 */
public final class MetricsRecorder implements WaitListener {
  /** Where a job waited for stands; a job is in exactly one state, so the counts add up. */
  private enum Outcome { NONE, SUCCESSFUL, FAILED, TIMED_OUT }

  private final Clock clock;
  private final Map<String, Outcome> jobs = new HashMap<>();
  private long successful;
  private long failed;
  private long timedOut;
  private long statusRequests;
  private final List<Duration> processing = new ArrayList<>();
  private final List<Duration> latencies = new ArrayList<>();
  private final Map<String, Long> distribution = new HashMap<>();
  private final Map<String, Long> perReplica = new HashMap<>();
  private long replicaSwitches;

  /** Creates a recorder that reads the observation moment from the clock. */
  public MetricsRecorder(Clock clock) {
    this.clock = clock;
  }

  /** Returns whether a request reads statuses. */
  public static boolean isStatusRequest(String method, URI uri) {
    String path = uri.getPath();
    return "GET".equals(method)
        && !path.endsWith(Route.CAPABILITIES.template()) && !path.endsWith(Route.HEALTH.template());
  }

  @Override
  public synchronized void requestSent(String jobId, String method, URI uri, int attempt) {
    if (isStatusRequest(method, uri)) {
      statusRequests++;
    }
    perReplica.merge(replicaOf(uri), 1L, Long::sum);
  }

  /** Returns the replica a request went to: its scheme, host and port. */
  public static String replicaOf(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  @Override
  public synchronized void replicaSwitched(String jobId, URI from, URI to, Throwable cause) {
    replicaSwitches++;
  }

  @Override
  public synchronized void waitStarted(String jobId, TraceParent trace) {
    jobs.putIfAbsent(jobId, Outcome.NONE);
  }

  @Override
  public synchronized void statusPolled(String jobId, Job job, Duration elapsed) {
    distribution.merge(job.status().wireName(), 1L, Long::sum);
  }

  @Override
  public synchronized void jobFinished(String jobId, Job job, WaitSummary summary) {
    Outcome before = jobs.getOrDefault(jobId, Outcome.NONE);
    if (before == Outcome.SUCCESSFUL || before == Outcome.FAILED) {
      return;
    }
    if (before == Outcome.TIMED_OUT) {
      timedOut--;
    }
    Outcome now = job.status() == JobStatus.COMPLETED ? Outcome.SUCCESSFUL : Outcome.FAILED;
    jobs.put(jobId, now);
    if (now == Outcome.SUCCESSFUL) {
      successful++;
    } else {
      failed++;
    }
    Instant end = job.completedAt() != null ? job.completedAt() : clock.instant();
    Duration time =
        job.createdAt() != null ? Duration.between(job.createdAt(), end) : summary.elapsed();
    processing.add(time.isNegative() ? Duration.ZERO : time);
    if (summary.detectionLatency() != null) {
      latencies.add(summary.detectionLatency());
    }
  }

  @Override
  public synchronized void jobTimedOut(String jobId, Job lastSeen, Duration timeout) {
    Outcome before = jobs.getOrDefault(jobId, Outcome.NONE);
    if (before == Outcome.NONE) {
      jobs.put(jobId, Outcome.TIMED_OUT);
      timedOut++;
    }
  }

  /**
   * What {@link ClientMetrics} is made from, copied at one moment. Immutable.
   *
   * @param totalJobs distinct jobs waited for, at least the sum of the three outcomes
   * @param successfulJobs jobs observed {@code completed}
   * @param failedJobs jobs observed {@code error} or {@code canceled}
   * @param timedOutJobs jobs whose last wait passed its deadline with no end seen
   * @param processingTimes one per finished job
   * @param statusDistribution observations per status wire name
   * @param statusRequests requests made to learn statuses
   * @param detectionLatencies one per finished job whose latency is known
   * @param replicaRequests requests sent to each replica, keyed by its scheme, host and port
   * @param replicaSwitches how often the client set aside a replica that stopped answering
   */
  public record Counts(
      long totalJobs,
      long successfulJobs,
      long failedJobs,
      long timedOutJobs,
      List<Duration> processingTimes,
      Map<String, Long> statusDistribution,
      long statusRequests,
      List<Duration> detectionLatencies,
      Map<String, Long> replicaRequests,
      long replicaSwitches) {
    /** Copies the collections. */
    public Counts {
      processingTimes = List.copyOf(processingTimes);
      statusDistribution = Map.copyOf(statusDistribution);
      detectionLatencies = List.copyOf(detectionLatencies);
      replicaRequests = Map.copyOf(replicaRequests);
    }
  }

  /** Returns the counts so far, which the API turns into a {@link ClientMetrics} snapshot. */
  public synchronized Counts snapshot() {
    return new Counts(jobs.size(),
        successful, failed, timedOut, processing, distribution, statusRequests, latencies,
        perReplica, replicaSwitches);
  }
}
