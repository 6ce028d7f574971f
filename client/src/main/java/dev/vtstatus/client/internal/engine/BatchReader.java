package dev.vtstatus.client.internal.engine;

import dev.vtstatus.client.ClientClosedException;
import dev.vtstatus.client.JobNotFoundException;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Re-reads waits' jobs with as few requests as possible: reads asked for within a short window
 * are coalesced, then sent as {@code GET /v1/jobs?ids=} of at most the server's batch size (100).
 * Without batch support each job is read alone. Thread-safe.
 */
public final class BatchReader {
  /** How long reads are collected before they are sent. */
  static final Duration WINDOW = Duration.ofMillis(10);

  private final Engine engine;
  private final ServerProfile profile;
  private final Map<JobWait, Boolean> pending = new LinkedHashMap<>();
  private boolean flushScheduled;

  /** Creates the reader. */
  public BatchReader(Engine engine, ServerProfile profile) {
    this.engine = engine;
    this.profile = profile;
  }

  /** Asks for the wait's job to be read soon. */
  public void read(JobWait wait) {
    synchronized (pending) {
      pending.put(wait, Boolean.TRUE);
      if (flushScheduled) {
        return;
      }
      flushScheduled = true;
    }
    try {
      engine.scheduler().schedule(this::flush, WINDOW.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      wait.fail(new ClientClosedException());
    }
  }

  private void flush() {
    List<JobWait> waits = new ArrayList<>();
    synchronized (pending) {
      pending.keySet().stream().filter(w -> !w.isDone()).forEach(waits::add);
      pending.clear();
      flushScheduled = false;
    }
    if (!profile.batch()) {
      waits.forEach(this::readOne);
      return;
    }
    int size = profile.maxBatch();
    Map<String, List<JobWait>> byId = new LinkedHashMap<>();
    for (JobWait w : waits) {
      byId.computeIfAbsent(w.jobId(), id -> new ArrayList<>()).add(w);
    }
    List<String> ids = new ArrayList<>(byId.keySet());
    for (int from = 0; from < ids.size(); from += size) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + size));
      Map<String, List<JobWait>> chunkWaits = new LinkedHashMap<>();
      chunk.forEach(id -> chunkWaits.put(id, byId.get(id)));
      send(chunkWaits);
    }
  }

  private void send(Map<String, List<JobWait>> waits) {
    Instant deadline =
        waits.values().stream().flatMap(List::stream).map(JobWait::deadline).max(Instant::compareTo).orElseThrow();
    engine
        .readBatch(new ArrayList<>(waits.keySet()), deadline)
        .whenComplete(
            (batch, error) -> {
              if (error != null) {
                Throwable cause = RequestRunner.unwrap(error);
                waits.values().forEach(list -> list.forEach(w -> w.fail(cause)));
                return;
              }
              deliver(batch, waits);
            });
  }

  private static void deliver(JobBatch batch, Map<String, List<JobWait>> waits) {
    for (Job job : batch.jobs()) {
      for (JobWait w : waits.getOrDefault(job.jobId(), List.of())) {
        w.requests().incrementAndGet();
        w.observe(job, null);
      }
    }
    for (String id : batch.notFound()) {
      for (JobWait w : waits.getOrDefault(id, List.of())) {
        w.fail(new JobNotFoundException(id));
      }
    }
  }

  private void readOne(JobWait wait) {
    engine
        .read(wait, profile, null)
        .whenComplete(
            (observation, error) -> {
              if (error != null) {
                wait.fail(RequestRunner.unwrap(error));
              } else {
                wait.observe(observation.job(), observation.retryAfter());
              }
            });
  }
}
