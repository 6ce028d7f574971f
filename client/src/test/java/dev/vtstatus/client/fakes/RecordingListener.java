package dev.vtstatus.client.fakes;

import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitSummary;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.TraceParent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records every listener call as a line such as {@code finished job-1 completed}. Thread-safe. */
public final class RecordingListener implements WaitListener {
  private final List<String> events = new ArrayList<>();
  private final List<WaitSummary> summaries = new ArrayList<>();
  private final List<Duration> retryDelays = new ArrayList<>();
  private final List<Duration> rateLimitDelays = new ArrayList<>();

  private synchronized void add(String line) {
    events.add(line);
  }

  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  public synchronized List<String> events(String prefix) {
    return events.stream().filter(e -> e.startsWith(prefix)).toList();
  }

  public synchronized List<WaitSummary> summaries() {
    return List.copyOf(summaries);
  }

  public synchronized List<Duration> retryDelays() {
    return List.copyOf(retryDelays);
  }

  public synchronized List<Duration> rateLimitDelays() {
    return List.copyOf(rateLimitDelays);
  }

  @Override
  public void jobCreated(Job job, TraceParent trace) {
    add("created " + job.jobId());
  }

  @Override
  public void waitStarted(String jobId, TraceParent trace) {
    add("waitStarted " + jobId);
  }

  @Override
  public void requestSent(String jobId, String method, URI uri, int attempt) {
    add("request " + jobId + " " + method + " " + uri.getRawPath() + " #" + attempt);
  }

  @Override
  public void statusPolled(String jobId, Job job, Duration elapsed) {
    add("polled " + jobId + " " + job.status().wireName());
  }

  @Override
  public void statusChanged(String jobId, JobStatus from, JobStatus to, Job job) {
    add("changed " + jobId + " " + (from == null ? "none" : from.wireName()) + "->" + to.wireName());
  }

  @Override
  public synchronized void jobFinished(String jobId, Job job, WaitSummary summary) {
    events.add("finished " + jobId + " " + job.status().wireName());
    summaries.add(summary);
  }

  @Override
  public void jobTimedOut(String jobId, Job lastSeen, Duration timeout) {
    add("timedOut " + jobId + " " + timeout.toMillis());
  }

  @Override
  public synchronized void requestRetried(String jobId, int attempt, Duration delay, Throwable cause) {
    events.add("retried " + jobId + " #" + attempt);
    retryDelays.add(delay);
  }

  @Override
  public synchronized void rateLimited(String jobId, Duration delay) {
    events.add("rateLimited " + jobId);
    rateLimitDelays.add(delay);
  }

  @Override
  public void channelChanged(String from, String to, Throwable cause) {
    add("channel " + from + "->" + to);
  }

  @Override
  public void replicaSwitched(String jobId, URI from, URI to, Throwable cause) {
    add("switched " + jobId + " " + from.getPort() + "->" + to.getPort());
  }

  @Override
  public void replicaRecovered(URI replica) {
    add("recovered " + replica.getPort());
  }
}
