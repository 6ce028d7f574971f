package dev.vtstatus.client.fakes;

import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitSummary;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.TraceParent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Records every listener call as a line such as {@code finished job-1 completed}, and what was
 * reported about each job, so tests can see each job reported once. The one recording listener of
 * the client's tests, on fakes and on real servers alike. Thread-safe.
 */
public final class RecordingListener implements WaitListener {
  private final List<String> events = new ArrayList<>();
  private final List<WaitSummary> summaries = new ArrayList<>();
  private final Map<String, List<WaitSummary>> summariesByJob = new LinkedHashMap<>();
  private final List<Duration> retryDelays = new ArrayList<>();
  private final List<Duration> rateLimitDelays = new ArrayList<>();
  private final List<URI> setAside = new ArrayList<>();
  private final List<URI> recovered = new ArrayList<>();

  /**
   * Returns what {@link #finishedCounts()} equals when each of {@code jobIds}, and no other job,
   * was reported finished exactly once.
   */
  public static Map<String, Integer> onceEach(Collection<String> jobIds) {
    Map<String, Integer> once = new LinkedHashMap<>();
    jobIds.forEach(id -> once.put(id, 1));
    return once;
  }

  private synchronized void add(String line) {
    events.add(line);
  }

  /** Returns every call so far, one line each, in order. */
  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** Returns the lines that start with {@code prefix}, such as {@code "request "}. */
  public synchronized List<String> events(String prefix) {
    return events.stream().filter(e -> e.startsWith(prefix)).toList();
  }

  /** Returns the summaries of every finished job, in the order they finished. */
  public synchronized List<WaitSummary> summaries() {
    return List.copyOf(summaries);
  }

  /** Returns the summaries reported for {@code jobId}; more than one means it was reported twice. */
  public synchronized List<WaitSummary> summaries(String jobId) {
    return List.copyOf(summariesByJob.getOrDefault(jobId, List.of()));
  }

  /** Returns how many times each job was reported finished. */
  public Map<String, Integer> finishedCounts() {
    return countByJob("finished ");
  }

  /** Returns how many times each job was reported timed out. */
  public Map<String, Integer> timedOutCounts() {
    return countByJob("timedOut ");
  }

  private Map<String, Integer> countByJob(String prefix) {
    return events(prefix).stream()
        .map(line -> line.split(" ")[1])
        .collect(Collectors.groupingBy(Function.identity(), Collectors.summingInt(id -> 1)));
  }

  /** Returns the channel changes seen, as {@code "from->to"}. */
  public List<String> channelChanges() {
    return events("channel ").stream().map(line -> line.substring("channel ".length())).toList();
  }

  /** Returns the delays of every retried request, in order. */
  public synchronized List<Duration> retryDelays() {
    return List.copyOf(retryDelays);
  }

  /** Returns how many requests were retried. */
  public synchronized int retries() {
    return retryDelays.size();
  }

  /** Returns the delays the client waited after being rate limited, in order. */
  public synchronized List<Duration> rateLimitDelays() {
    return List.copyOf(rateLimitDelays);
  }

  /** Returns the replicas set aside (each switch's {@code from}), in order. */
  public synchronized List<URI> setAside() {
    return List.copyOf(setAside);
  }

  /** Returns the replicas that answered again after being set aside, in order. */
  public synchronized List<URI> recovered() {
    return List.copyOf(recovered);
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
    summariesByJob.computeIfAbsent(jobId, id -> new ArrayList<>()).add(summary);
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
  public synchronized void replicaSwitched(String jobId, URI from, URI to, Throwable cause) {
    events.add("switched " + jobId + " " + from.getPort() + "->" + to.getPort());
    setAside.add(from);
  }

  @Override
  public synchronized void replicaRecovered(URI replica) {
    events.add("recovered " + replica.getPort());
    recovered.add(replica);
  }
}
