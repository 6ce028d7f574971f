package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.ClientClosedException;
import dev.vtstatus.client.JobNotFoundException;
import dev.vtstatus.protocol.Causes;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads waits' jobs with as few requests as possible: reads asked for within a window (from the
 * first of them) are coalesced, then sent as {@code GET /v1/jobs?ids=} of at most the server's
 * batch size (100). Without batch support each job is read alone. The event dispatcher re-reads through
 * one with a {@link #EVENTS_WINDOW}; merged polls go through one whose window the polling strategy
 * sets ({@link dev.vtstatus.client.internal.strategy.ScheduleStrategy#mergeWindow()}). Thread-safe.
 */
public final class BatchReader {
  /** How long the event dispatcher's re-reads are collected before they are sent. */
  public static final Duration EVENTS_WINDOW = Duration.ofMillis(10);

  private final ClientContext context;
  private final ServerProfile profile;
  private final Supplier<Duration> window;
  private final Map<JobWait, CompletableFuture<Boolean>> pending = new LinkedHashMap<>();
  private boolean flushScheduled;

  /**
   * Creates the reader; reads are collected for {@code window} (read at the first read of each
   * batch) before they are sent.
   */
  public BatchReader(ClientContext context, ServerProfile profile, Supplier<Duration> window) {
    this.context = context;
    this.profile = profile;
    this.window = window;
  }

  /** Returns how long a read waits for others to join it now. */
  public Duration window() {
    return window.get();
  }

  /**
   * Asks for the wait's job to be read soon; the returned future completes once the answer has been
   * given to the wait (true) or the wait failed with the read's error (false), never exceptionally.
   */
  public CompletableFuture<Boolean> read(JobWait wait) {
    CompletableFuture<Boolean> done;
    synchronized (pending) {
      done = pending.computeIfAbsent(wait, w -> new CompletableFuture<>());
      if (flushScheduled) {
        return done;
      }
      flushScheduled = true;
    }
    try {
      context.scheduler().schedule(this::flush, window.get().toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      wait.fail(new ClientClosedException());
      done.complete(false);
    }
    return done;
  }

  private void flush() {
    Map<JobWait, CompletableFuture<Boolean>> waits = new LinkedHashMap<>();
    synchronized (pending) {
      pending.forEach((w, f) -> {
        if (w.isDone()) {
          f.complete(false);
        } else {
          waits.put(w, f);
        }
      });
      pending.clear();
      flushScheduled = false;
    }
    if (!profile.batch()) {
      waits.forEach(this::readOne);
      return;
    }
    int size = profile.maxBatch();
    Map<String, List<JobWait>> byId = new LinkedHashMap<>();
    for (JobWait w : waits.keySet()) {
      byId.computeIfAbsent(w.jobId(), id -> new ArrayList<>()).add(w);
    }
    List<String> ids = new ArrayList<>(byId.keySet());
    for (int from = 0; from < ids.size(); from += size) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + size));
      Map<String, List<JobWait>> chunkWaits = new LinkedHashMap<>();
      chunk.forEach(id -> chunkWaits.put(id, byId.get(id)));
      send(chunkWaits, waits);
    }
  }

  private void send(Map<String, List<JobWait>> chunk, Map<JobWait, CompletableFuture<Boolean>> done) {
    Instant deadline =
        chunk.values().stream().flatMap(List::stream).map(JobWait::deadline).max(Instant::compareTo).orElseThrow();
    context
        .readBatch(new ArrayList<>(chunk.keySet()), deadline, null)
        .whenComplete(
            (batch, error) -> {
              if (error != null) {
                Throwable cause = Causes.unwrap(error);
                chunk.values().forEach(list -> list.forEach(w -> w.fail(cause)));
              } else {
                deliver(batch, chunk);
              }
              chunk.values().forEach(list -> list.forEach(w -> done.get(w).complete(error == null)));
            });
  }

  /** Gives each wait its job from the answer, or a {@link JobNotFoundException}. */
  static void deliver(JobBatch batch, Map<String, List<JobWait>> waits) {
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

  private void readOne(JobWait wait, CompletableFuture<Boolean> done) {
    context.readInto(wait, profile).thenAccept(done::complete);
  }
}
