package dev.vtstatus.client;

import dev.vtstatus.client.internal.observe.MetricsRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of what a client has measured about the jobs it waited for.
 *
 * <p>A job counts once however often it is waited for (not once per wait, nor per poll): {@code
 * total_jobs} is the number of distinct jobs waited for, each in exactly one of successful, failed,
 * timed out (its last wait passed its deadline and no end was ever seen) or other (its wait failed
 * without an outcome, for example not found or retries exhausted, or is still running), so the four
 * add up to the total.
 * Processing time is the server's {@code completed_at - created_at} when known, otherwise the
 * client's own measure from creation (or the start of the wait) to the observation. Detection
 * latency is the observation moment minus the server's {@code completed_at}; jobs where it is unknown
 * (seed protocol) are left out of its percentiles. Immutable and thread-safe.
 */
public final class ClientMetrics {
  private final long totalJobs;
  private final long successfulJobs;
  private final long failedJobs;
  private final long timedOutJobs;
  private final List<Duration> processingTimes;
  private final Map<String, Long> statusDistribution;
  private final long statusRequests;
  private final List<Duration> detectionLatencies;
  private final Map<String, Long> replicaRequests;
  private final long replicaSwitches;

  /**
   * Creates the snapshot of a client's counts and samples (see {@link MetricsRecorder.Counts}),
   * with jobs that have no outcome (yet) in the total.
   *
   * @throws IllegalArgumentException when the outcomes add up to more than the total
   */
  ClientMetrics(MetricsRecorder.Counts c) {
    long outcomes = c.successfulJobs() + c.failedJobs() + c.timedOutJobs();
    if (outcomes > c.totalJobs()) {
      throw new IllegalArgumentException("outcomes (" + outcomes + ") exceed totalJobs (" + c.totalJobs() + ")");
    }
    this.successfulJobs = c.successfulJobs();
    this.failedJobs = c.failedJobs();
    this.timedOutJobs = c.timedOutJobs();
    this.totalJobs = c.totalJobs();
    this.processingTimes = sorted(c.processingTimes());
    this.statusDistribution = Collections.unmodifiableMap(new TreeMap<>(c.statusDistribution()));
    this.statusRequests = c.statusRequests();
    this.detectionLatencies = sorted(c.detectionLatencies());
    this.replicaRequests = Collections.unmodifiableMap(new TreeMap<>(c.replicaRequests()));
    this.replicaSwitches = c.replicaSwitches();
  }

  /** Returns an empty snapshot. */
  public static ClientMetrics empty() {
    return new ClientMetrics(new MetricsRecorder.Counts(0, 0, 0, 0, List.of(), Map.of(), 0, List.of(), Map.of(), 0));
  }

  private static List<Duration> sorted(Collection<Duration> values) {
    List<Duration> list = new ArrayList<>(values);
    Collections.sort(list);
    return Collections.unmodifiableList(list);
  }

  /** Returns the distinct jobs waited for, each counted once however often it was waited for. */
  public long totalJobs() {
    return totalJobs;
  }

  /**
   * Returns the jobs waited for with no outcome: their wait failed (not found, retries exhausted,
   * closed) or is still running. Successful, failed, timed out and these add up to the total.
   */
  public long otherJobs() {
    return totalJobs - successfulJobs - failedJobs - timedOutJobs;
  }

  /** Returns the jobs observed {@code completed}. */
  public long successfulJobs() {
    return successfulJobs;
  }

  /** Returns the jobs observed {@code error} or {@code canceled}. */
  public long failedJobs() {
    return failedJobs;
  }

  /** Returns the jobs whose last wait passed its deadline and whose end was never seen. */
  public long timedOutJobs() {
    return timedOutJobs;
  }

  /** Returns successful jobs divided by total jobs, 0 to 1 (0 when there are none). */
  public double successRate() {
    return totalJobs == 0 ? 0.0 : (double) successfulJobs / totalJobs;
  }

  /** Returns the mean processing time of finished jobs, or null when none finished. */
  public Duration avgProcessingTime() {
    if (processingTimes.isEmpty()) {
      return null;
    }
    long sum = 0;
    for (Duration d : processingTimes) {
      sum += d.toNanos();
    }
    return Duration.ofNanos(sum / processingTimes.size());
  }

  /** Returns the shortest processing time, or null when none finished. */
  public Duration minProcessingTime() {
    return processingTimes.isEmpty() ? null : processingTimes.get(0);
  }

  /** Returns the longest processing time, or null when none finished. */
  public Duration maxProcessingTime() {
    return processingTimes.isEmpty() ? null : processingTimes.get(processingTimes.size() - 1);
  }

  /** Returns the median processing time (nearest rank), or null when none finished. */
  public Duration p50ProcessingTime() {
    return percentile(processingTimes, 0.50);
  }

  /** Returns the 95th percentile processing time (nearest rank), or null when none finished. */
  public Duration p95ProcessingTime() {
    return percentile(processingTimes, 0.95);
  }

  /** Returns how many observations showed each status, keyed by wire name. */
  public Map<String, Long> statusDistribution() {
    return statusDistribution;
  }

  /** Returns the requests made to learn statuses. */
  public long statusRequests() {
    return statusRequests;
  }

  /** Returns status requests divided by total jobs (0 when there are none). */
  public double requestsPerJob() {
    return totalJobs == 0 ? 0.0 : (double) statusRequests / totalJobs;
  }

  /** Returns the median detection latency, or null when none is known. */
  public Duration detectionLatencyP50() {
    return percentile(detectionLatencies, 0.50);
  }

  /** Returns the 95th percentile detection latency, or null when none is known. */
  public Duration detectionLatencyP95() {
    return percentile(detectionLatencies, 0.95);
  }

  /** Returns the largest detection latency, or null when none is known. */
  public Duration detectionLatencyMax() {
    return detectionLatencies.isEmpty() ? null : detectionLatencies.get(detectionLatencies.size() - 1);
  }

  /**
   * Returns the requests sent to each replica (every request, not only status reads; health probes
   * aside), keyed by the replica's scheme, host and port: how the client spread over its replicas.
   */
  public Map<String, Long> replicaRequests() {
    return replicaRequests;
  }

  /** Returns how often the client set aside a replica that stopped answering (once per outage). */
  public long replicaSwitches() {
    return replicaSwitches;
  }

  /** Returns the nearest-rank percentile of sorted values, or null when there are none. */
  static Duration percentile(List<Duration> sortedValues, double p) {
    if (sortedValues.isEmpty()) {
      return null;
    }
    int rank = (int) Math.ceil(p * sortedValues.size());
    return sortedValues.get(Math.max(0, Math.min(sortedValues.size() - 1, rank - 1)));
  }

  /**
   * Returns the metrics under the seed client's snake_case keys, in a stable order: {@code
   * total_jobs}, {@code successful_jobs}, {@code failed_jobs}, {@code success_rate}, {@code
   * avg_processing_time}, {@code min_processing_time}, {@code max_processing_time} (seconds as
   * doubles, 0 when none), {@code status_distribution}, then {@code timed_out_jobs}, {@code
   * other_jobs}, {@code
   * p50_processing_time}, {@code p95_processing_time}, {@code status_requests}, {@code
   * requests_per_job}, {@code detection_latency_ms} ({@code p50}, {@code p95}, {@code max} in
   * milliseconds, null when unknown), {@code replicas} (requests per replica URL) and {@code
   * replica_switches}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("total_jobs", totalJobs);
    map.put("successful_jobs", successfulJobs);
    map.put("failed_jobs", failedJobs);
    map.put("success_rate", successRate());
    map.put("avg_processing_time", seconds(avgProcessingTime()));
    map.put("min_processing_time", seconds(minProcessingTime()));
    map.put("max_processing_time", seconds(maxProcessingTime()));
    map.put("status_distribution", statusDistribution);
    map.put("timed_out_jobs", timedOutJobs);
    map.put("other_jobs", otherJobs());
    map.put("p50_processing_time", seconds(p50ProcessingTime()));
    map.put("p95_processing_time", seconds(p95ProcessingTime()));
    map.put("status_requests", statusRequests);
    map.put("requests_per_job", requestsPerJob());
    Map<String, Object> latency = new LinkedHashMap<>();
    latency.put("p50", millis(detectionLatencyP50()));
    latency.put("p95", millis(detectionLatencyP95()));
    latency.put("max", millis(detectionLatencyMax()));
    map.put("detection_latency_ms", Collections.unmodifiableMap(latency));
    map.put("replicas", replicaRequests);
    map.put("replica_switches", replicaSwitches);
    return Collections.unmodifiableMap(map);
  }

  private static double seconds(Duration d) {
    return d == null ? 0.0 : d.toNanos() / 1e9;
  }

  private static Long millis(Duration d) {
    return d == null ? null : d.toMillis();
  }

  @Override
  public String toString() {
    return "ClientMetrics" + toMap();
  }
}
