package dev.vtstatus.client.internal.observe;

import dev.vtstatus.client.AuditEvent;
import dev.vtstatus.client.AuditSink;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns listener calls into audit events: {@code job_created}, {@code status_polled}, {@code
 * status_changed}, {@code job_completed}, {@code job_failed}, {@code job_timed_out}, {@code
 * request_retried}, {@code rate_limited}, {@code replica_switched}, {@code replica_recovered}. It keeps each job's trace id,
 * request count, start and the replica its last request went to while the job is active, to stamp
 * every event; observations and outcomes name that replica ({@code replica}), or the event
 * stream's when the job's news came on the stream. Thread-safe.
 */
public final class AuditRecorder implements WaitListener {
  private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);
  static final int CAPACITY = 50_000;

  private final AuditSink sink;
  private final Clock clock;
  /** Active jobs, the latest {@value #CAPACITY}: a job created but never waited for stays until pushed out. */
  private final Map<String, JobState> jobs =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JobState> eldest) {
              return size() > CAPACITY;
            }
          });

  private static final class JobState {
    volatile String traceId;
    volatile Instant start;
    volatile int attempts;
    volatile String replica;
  }

  /** The replica the event stream was last opened on, or null. */
  private volatile String streamReplica;

  /** Creates the recorder. */
  public AuditRecorder(AuditSink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  private JobState state(String jobId) {
    if (jobId == null) {
      JobState s = new JobState();
      s.start = clock.instant();
      return s;
    }
    return jobs.computeIfAbsent(jobId, id -> {
      JobState s = new JobState();
      s.start = clock.instant();
      return s;
    });
  }

  private void emit(String type, String jobId, Duration elapsed, Map<String, Object> details) {
    JobState s = state(jobId);
    Instant now = clock.instant();
    Duration e = elapsed != null ? elapsed : Duration.between(s.start, now);
    try {
      sink.record(new AuditEvent(type, now, jobId, s.traceId, s.attempts, e, details));
    } catch (RuntimeException ex) {
      LOG.warn("audit sink failed on {}; ignored", type, ex);
    }
  }

  @Override
  public void jobCreated(Job job, TraceParent trace) {
    JobState s = state(job.jobId());
    s.traceId = trace == null ? null : trace.traceId();
    emit("job_created", job.jobId(), Duration.ZERO, Map.of("status", job.status().wireName()));
  }

  @Override
  public void waitStarted(String jobId, TraceParent trace) {
    JobState s = state(jobId);
    s.start = clock.instant();
    if (trace != null) {
      s.traceId = trace.traceId();
    }
  }

  @Override
  public void requestSent(String jobId, String method, URI uri, int attempt) {
    if (jobId != null) {
      JobState s = state(jobId);
      s.attempts = attempt;
      s.replica = MetricsRecorder.replicaOf(uri);
    } else if (uri.getPath().endsWith(Route.EVENTS.template())) {
      streamReplica = MetricsRecorder.replicaOf(uri);
    }
  }

  @Override
  public void statusPolled(String jobId, Job job, Duration elapsed) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("status", job.status().wireName());
    details.put("replica", replica(jobId));
    emit("status_polled", jobId, elapsed, details);
  }

  @Override
  public void statusChanged(String jobId, JobStatus from, JobStatus to, Job job) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", from == null ? null : from.wireName());
    details.put("to", to.wireName());
    emit("status_changed", jobId, null, details);
  }

  @Override
  public void jobFinished(String jobId, Job job, WaitSummary summary) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("status", job.status().wireName());
    details.put("requests", summary.requests());
    details.put(
        "detection_latency_ms",
        summary.detectionLatency() == null ? null : summary.detectionLatency().toMillis());
    details.put("replica", replica(jobId));
    if (job.error() != null) {
      details.put("error_code", job.error().code());
      details.put("error_message", job.error().message());
    }
    emit(
        job.status() == JobStatus.COMPLETED ? "job_completed" : "job_failed",
        jobId,
        summary.elapsed(),
        details);
    jobs.remove(jobId);
  }

  @Override
  public void jobTimedOut(String jobId, Job lastSeen, Duration timeout) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("timeout_ms", timeout.toMillis());
    details.put("last_status", lastSeen == null ? null : lastSeen.status().wireName());
    emit("job_timed_out", jobId, timeout, details);
    jobs.remove(jobId);
  }

  @Override
  public void requestRetried(String jobId, int attempt, Duration delay, Throwable cause) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("delay_ms", delay.toMillis());
    details.put("cause", String.valueOf(cause));
    emit("request_retried", jobId, null, details);
  }

  @Override
  public void replicaSwitched(String jobId, URI from, URI to, Throwable cause) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", from.toString());
    details.put("to", to.toString());
    details.put("reason", String.valueOf(cause));
    emit("replica_switched", jobId, null, details);
  }

  @Override
  public void replicaRecovered(URI replica) {
    emit("replica_recovered", null, null, Map.of("replica", replica.toString()));
  }

  /** Returns the replica the job's news came from: its own last request's, else the stream's. */
  private String replica(String jobId) {
    JobState s = jobId == null ? null : jobs.get(jobId);
    return s != null && s.replica != null ? s.replica : streamReplica;
  }

  @Override
  public void rateLimited(String jobId, Duration delay) {
    emit("rate_limited", jobId, null, Map.of("delay_ms", delay.toMillis()));
  }
}
