package dev.vtstatus.client.internal;

import dev.vtstatus.client.ClientClosedException;
import dev.vtstatus.client.WaitTimeoutException;
import dev.vtstatus.client.WaitToken;
import dev.vtstatus.client.internal.trace.Tracing;
import dev.vtstatus.client.internal.wait.ClientContext;
import dev.vtstatus.client.internal.wait.JobWait;
import dev.vtstatus.client.internal.wait.ServerProfile;
import dev.vtstatus.protocol.Causes;
import dev.vtstatus.protocol.Job;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The waits of one client, from start to end: each begins with its deadline timer, learns the
 * server's profile, gets its channel from the {@link ChannelChoice}, and ends once (a result, a
 * failure, its deadline, a cancel or the client's close). Keeps the waits in progress, for their
 * tokens and for {@link #failAll}. Thread-safe.
 */
final class Waits {
  private final ClientConfig config;
  private final ClientContext context;
  private final ChannelChoice channels;
  private final CreatedJobs created;
  private final Function<JobWait, CompletableFuture<ServerProfile>> profileFor;
  private final Function<String, CompletableFuture<Job>> readOnce;
  private final BooleanSupplier closed;
  private final Set<JobWait> active = ConcurrentHashMap.newKeySet();

  /**
   * Creates the waits of one client.
   *
   * @param created the jobs this client created, whose create answer is a wait's first observation
   * @param profileFor the server's profile within a wait's budget, probing if needed
   * @param readOnce reads a job once, as {@code getStatus} does
   * @param closed whether the client is closed
   */
  Waits(
      ClientConfig config,
      ClientContext context,
      ChannelChoice channels,
      CreatedJobs created,
      Function<JobWait, CompletableFuture<ServerProfile>> profileFor,
      Function<String, CompletableFuture<Job>> readOnce,
      BooleanSupplier closed) {
    this.config = config;
    this.context = context;
    this.channels = channels;
    this.created = created;
    this.profileFor = profileFor;
    this.readOnce = readOnce;
    this.closed = closed;
  }

  /** Waits for one job, at most {@code timeout}; cancelling the returned future ends the wait. */
  CompletableFuture<Job> waitFor(String jobId, Duration timeout) {
    return start(jobId, timeout, null, this::probeAndDispatch);
  }

  /**
   * Resumes a wait from its token, with the deadline it carries: a token whose deadline has passed
   * is read once, and times out again unless its job has ended.
   *
   * @throws IllegalArgumentException when the token is about a server that is none of the client's
   */
  CompletableFuture<Job> resume(WaitToken token) {
    // Replicas share their jobs, so a token from any of the client's replicas resumes here.
    if (!config.baseUrls().contains(token.server())) {
      throw new IllegalArgumentException("the token is for " + token.server()
          + ", but this client talks to " + String.join(", ", config.baseUrls().stream().map(URI::toString).toList()));
    }
    if (token.remaining(config.clock()).isZero()) {
      return readOnce.apply(token.jobId()).thenCompose(job -> job.isTerminal()
          ? CompletableFuture.completedFuture(job)
          : CompletableFuture.failedFuture(new WaitTimeoutException(token.jobId(), Duration.ZERO, job, token)));
    }
    return start(token.jobId(), null, token, this::probeAndDispatch);
  }

  /**
   * Returns the token of the wait for {@code jobId} now in progress (the earliest begun).
   *
   * @throws IllegalStateException when no wait for the job is in progress
   */
  WaitToken token(String jobId) {
    return active.stream()
        .filter(w -> w.jobId().equals(jobId) && !w.isDone())
        .min(Comparator.comparing(JobWait::deadline))
        .map(JobWait::token)
        .orElseThrow(() -> new IllegalStateException("no wait for job '" + jobId + "' is in progress"));
  }

  /**
   * Waits for a single-job seed server's default job ({@code GET /status}, no id) by polling, at
   * most {@code timeout}; the job's id is empty.
   */
  CompletableFuture<Job> waitForDefaultJob(Duration timeout) {
    return start("", timeout, null, (wait, createdHereAt) -> channels.poll(wait, ServerProfile.SEED));
  }

  /**
   * Waits for many jobs; the map keeps the given order; fails with the first failure in order.
   * Cancelling the returned future cancels every wait, which stops their requests and timers.
   */
  CompletableFuture<Map<String, Job>> waitForAll(List<String> jobIds, Duration timeout) {
    List<CompletableFuture<Job>> futures = new ArrayList<>();
    for (String id : jobIds) {
      futures.add(waitFor(id, timeout));
    }
    CompletableFuture<Map<String, Job>> all = new CompletableFuture<>();
    all.whenComplete((map, error) -> {
      if (all.isCancelled()) {
        futures.forEach(f -> f.cancel(false));
      }
    });
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).handle((ignored, error) -> {
      Map<String, Job> result = new LinkedHashMap<>();
      for (int i = 0; i < futures.size(); i++) {
        CompletableFuture<Job> f = futures.get(i);
        if (f.isCompletedExceptionally()) {
          throw PublicFailures.asRuntime(Causes.unwrap(f.handle((j, e) -> e).join()));
        }
        result.put(jobIds.get(i), f.join());
      }
      return Collections.unmodifiableMap(result);
    }).whenComplete((map, error) -> {
      if (error != null) {
        all.completeExceptionally(Causes.unwrap(error));
      } else {
        all.complete(map);
      }
    });
    return all;
  }

  /** Ends every wait in progress with {@link ClientClosedException}. */
  void failAll() {
    for (JobWait w : new ArrayList<>(active)) {
      w.fail(new ClientClosedException());
    }
  }

  private void probeAndDispatch(JobWait wait, Instant createdHereAt) {
    profileFor.apply(wait).whenComplete((p, error) -> {
      if (error != null) {
        wait.fail(Causes.unwrap(error));
      } else {
        channels.dispatch(wait, p, createdHereAt);
      }
    });
  }

  /** Starts a wait of {@code timeout}, or carries on the wait of {@code resumed} to its deadline. */
  private CompletableFuture<Job> start(
      String jobId, Duration timeout, WaitToken resumed, BiConsumer<JobWait, Instant> drive) {
    if (closed.getAsBoolean()) {
      return CompletableFuture.failedFuture(new ClientClosedException());
    }
    CreatedJobs.Created c = created.get(jobId);
    Tracing.OperationTrace trace = context.tracing().start("vtstatus.wait", jobId, c == null ? null : c.trace());
    Instant createdHereAt = c != null ? c.at() : resumed != null ? resumed.createdAt() : null;
    JobWait wait = new JobWait(jobId, resumed == null ? timeout : null, resumed == null ? null : resumed.deadline(),
        config.baseUrl(), config.clock(), context.listener(), channels.polling(), trace, c == null ? null : c.job(),
        createdHereAt, resumed == null ? null : resumed.lastPendingAt());
    active.add(wait);
    wait.future().whenComplete((job, error) -> {
      active.remove(wait);
      if (error == null) {
        created.remove(jobId);
      }
    });
    wait.start(context.scheduler());
    drive.accept(wait, c == null ? null : c.at());
    if (closed.getAsBoolean()) {
      wait.fail(new ClientClosedException());
    }
    CompletableFuture<Job> view = wait.future().copy();
    view.whenComplete((job, error) -> {
      if (error instanceof CancellationException) {
        wait.fail(error);
      }
    });
    return view;
  }
}
