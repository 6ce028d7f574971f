package dev.vtstatus.client.it;

import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitSummary;
import dev.vtstatus.protocol.Job;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** Records what a client reports about each job, so tests can see every job reported once. */
final class RecordingWaitListener implements WaitListener {
  private final Map<String, List<Job>> finished = new ConcurrentHashMap<>();
  private final Map<String, List<WaitSummary>> summaries = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> timedOut = new ConcurrentHashMap<>();
  private final List<String> channelChanges = new CopyOnWriteArrayList<>();
  private final AtomicInteger retries = new AtomicInteger();
  private final List<URI> recovered = new CopyOnWriteArrayList<>();
  private final List<URI> setAside = new CopyOnWriteArrayList<>();

  @Override
  public void jobFinished(String jobId, Job job, WaitSummary summary) {
    finished.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>()).add(job);
    summaries.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>()).add(summary);
  }

  @Override
  public void jobTimedOut(String jobId, Job lastSeen, Duration timeout) {
    timedOut.computeIfAbsent(jobId, id -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public void requestRetried(String jobId, int attempt, Duration delay, Throwable cause) {
    retries.incrementAndGet();
  }

  @Override
  public void channelChanged(String from, String to, Throwable cause) {
    channelChanges.add(from + "->" + to);
  }

  @Override
  public void replicaSwitched(String jobId, URI from, URI to, Throwable cause) {
    setAside.add(from);
  }

  @Override
  public void replicaRecovered(URI replica) {
    recovered.add(replica);
  }

  /** Returns the replicas set aside, in order. */
  List<URI> setAside() {
    return List.copyOf(setAside);
  }

  /** Returns the replicas that came back, in order. */
  List<URI> recovered() {
    return List.copyOf(recovered);
  }

  /**
   * Returns what {@link #finishedCounts()} equals when each of {@code jobIds}, and no other job,
   * was reported finished exactly once.
   */
  static Map<String, Integer> onceEach(Collection<String> jobIds) {
    Map<String, Integer> once = new LinkedHashMap<>();
    jobIds.forEach(id -> once.put(id, 1));
    return once;
  }

  /** Returns how many times each job was reported finished. */
  Map<String, Integer> finishedCounts() {
    return finished.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
  }

  /** Returns the summaries reported for a job. */
  List<WaitSummary> summaries(String jobId) {
    return summaries.getOrDefault(jobId, List.of());
  }

  /** Returns how many times each job was reported timed out. */
  Map<String, Integer> timedOutCounts() {
    return timedOut.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
  }

  /** Returns the channel changes seen, as {@code "from->to"}. */
  List<String> channelChanges() {
    return List.copyOf(channelChanges);
  }

  /** Returns how many requests were retried. */
  int retries() {
    return retries.get();
  }
}
