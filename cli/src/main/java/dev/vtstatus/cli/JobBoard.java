package dev.vtstatus.cli;

import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitSummary;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.TraceParent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's live view of its jobs: for each, the last status seen, the time since it was created
 * and the status requests spent waiting for it (the create is not counted, as in the client's
 * {@code requests_per_job}), learnt from the client's {@link WaitListener} calls.
 *
 * <p>Thread-safe: the client calls it from its own threads while the display reads it.
 */
final class JobBoard implements WaitListener {

  /**
   * What is known about one job.
   *
   * @param jobId the job
   * @param status the last status seen
   * @param progress the server's last progress figure, or null
   * @param elapsed time since the job was created (final once it ended)
   * @param requests status requests sent for the job so far
   * @param summary the client's summary once the job ended, else null
   */
  record Row(String jobId, JobStatus status, Double progress, Duration elapsed, int requests,
      WaitSummary summary) {}

  private static final class State {
    final Instant started;
    JobStatus status = JobStatus.PENDING;
    Double progress;
    Instant createdAt;
    Instant estimatedCompletionAt;
    int requests;
    WaitSummary summary;

    State(Instant started) {
      this.started = started;
    }
  }

  private final Clock clock;
  private final Map<String, State> jobs = new LinkedHashMap<>();

  JobBoard(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void jobCreated(Job job, TraceParent trace) {
    observe(jobs.computeIfAbsent(job.jobId(), id -> new State(clock.instant())), job);
  }

  @Override
  public synchronized void requestSent(String jobId, String method, URI uri, int attempt) {
    State state = jobId == null ? null : jobs.get(jobId);
    if (state != null && !"POST".equals(method)) {
      state.requests++;
    }
  }

  @Override
  public synchronized void statusPolled(String jobId, Job job, Duration elapsed) {
    State state = jobs.get(jobId);
    if (state != null && state.summary == null) {
      observe(state, job);
    }
  }

  @Override
  public synchronized void jobFinished(String jobId, Job job, WaitSummary summary) {
    State state = jobs.computeIfAbsent(jobId, id -> new State(clock.instant()));
    observe(state, job);
    state.summary = summary;
    state.requests = Math.max(state.requests, summary.requests());
  }

  private static void observe(State state, Job job) {
    state.status = job.status();
    state.progress = job.progress();
    if (job.createdAt() != null) {
      state.createdAt = job.createdAt();
    }
    state.estimatedCompletionAt = job.estimatedCompletionAt();
  }

  /**
   * Returns a snapshot of every job, in the order they were created. A pending job's progress is
   * carried forward from the server's last estimate of its end, so it moves between observations
   * (an event stream sends none until the job ends); it stops at 99% until the job really ends.
   */
  synchronized List<Row> rows() {
    Instant now = clock.instant();
    List<Row> rows = new ArrayList<>(jobs.size());
    jobs.forEach((id, s) -> rows.add(new Row(id, s.status, progress(s, now),
        s.summary != null ? s.summary.elapsed() : Duration.between(s.started, now), s.requests,
        s.summary)));
    return rows;
  }

  private static Double progress(State state, Instant now) {
    return state.status != JobStatus.PENDING ? state.progress
        : projected(state.progress, state.createdAt, state.estimatedCompletionAt, now);
  }

  /**
   * Returns a pending job's share done at {@code now}, projected from the server's estimate of its
   * end: the time since {@code createdAt} over the estimated duration, at most 99%. Without an
   * estimate it is the server's last {@code progress} figure, which may be null.
   */
  static Double projected(Double progress, Instant createdAt, Instant estimate, Instant now) {
    if (createdAt == null || estimate == null || !estimate.isAfter(createdAt)) {
      return progress;
    }
    double share = (double) Duration.between(createdAt, now).toMillis()
        / Duration.between(createdAt, estimate).toMillis();
    return Math.max(0.0, Math.min(0.99, share));
  }

  /** Renders a row: {@code 3f6c1a2b  pending     42%   1.2s   3 requests}. */
  static String line(Row row) {
    String progress = row.status() != JobStatus.PENDING ? "" : row.progress() == null ? "  ?"
        : String.format(Locale.ROOT, "%3d%%", Math.round(row.progress() * 100));
    return String.format(Locale.ROOT, "  %-12s %-9s %4s %7s  %s", shortId(row.jobId()),
        row.status().wireName(), progress, Formats.duration(row.elapsed()),
        Formats.count(row.requests(), "request"));
  }

  /** Renders a count per status and the requests so far: {@code 3 pending, 2 completed; 9 requests}. */
  static String summary(List<Row> rows) {
    Map<JobStatus, Long> counts = rows.stream().collect(Collectors.groupingBy(
        Row::status, () -> new EnumMap<>(JobStatus.class), Collectors.counting()));
    int requests = rows.stream().mapToInt(Row::requests).sum();
    return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().wireName())
        .collect(Collectors.joining(", ")) + "; " + Formats.count(requests, "request");
  }

  /** Shortens a long id (such as a UUID) to its first 8 characters, enough to tell jobs apart on screen. */
  static String shortId(String id) {
    return id.length() <= 12 ? id : id.substring(0, 8);
  }
}
