package dev.vtstatus.client;

import dev.vtstatus.client.internal.ClientConfig;
import dev.vtstatus.client.internal.ClientRuntime;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Creates video translation jobs and waits for their results with few requests and little delay.
 *
 * <p>Build one per server and share it: the client is immutable and thread-safe, and holds a small,
 * bounded set of threads and connections that {@link #close()} releases. Every wait is scheduled,
 * never a thread per job; the synchronous methods join their asynchronous twins. A job that ends in
 * {@code error} or {@code canceled} is returned like a completed one; the client throws a {@link
 * VideoTranslationException} only when it cannot learn the outcome.
 *
 * <pre>{@code
 * try (VideoTranslationClient client = VideoTranslationClient.builder()
 *     .baseUrl("http://127.0.0.1:5000")
 *     .timeout(Duration.ofMinutes(2))
 *     .build()) {
 *   Job created = client.createJob(JobRequest.builder().sourceLanguage("en").targetLanguage("es").build());
 *   Job done = client.waitForResult(created.jobId());
 *   System.out.println(done.status() + " " + client.metrics().toMap());
 * }
 * }</pre>
 */
public final class VideoTranslationClient implements AutoCloseable {
  private final ClientRuntime runtime;

  /** Creates the client of a validated configuration; {@link VideoTranslationClientBuilder#build()} calls it. */
  VideoTranslationClient(ClientConfig config) {
    this(ClientRuntime.create(config));
  }

  /** Wraps a runtime; tests use it to give the client a fake transport. */
  VideoTranslationClient(ClientRuntime runtime) {
    this.runtime = runtime;
  }

  /** Returns a new builder with every default set. */
  public static VideoTranslationClientBuilder builder() {
    return new VideoTranslationClientBuilder();
  }

  /**
   * Creates a job with the server's defaults; see {@link #createJob(JobRequest)} for retries.
   *
   * @throws VideoTranslationException when the job could not be created
   */
  public Job createJob() {
    return createJob(JobRequest.EMPTY);
  }

  /**
   * Creates a job, sending an {@code Idempotency-Key} so that a retried create never makes two jobs.
   * Against a seed-protocol server the request's fields are not sent (that protocol has none), and
   * since that protocol has no idempotency key either, a create is repeated only when it surely was
   * not processed (connect failure, 429, 503 with {@code Retry-After}): when its answer is lost it
   * fails instead, as the job may or may not exist.
   *
   * @throws VideoTranslationException when the job could not be created
   * @throws ApiException when the server refused the request
   * @throws RetriesExhaustedException when too many transient failures came in a row
   */
  public Job createJob(JobRequest request) {
    return join(createJobAsync(request));
  }

  /** Creates a job without blocking; see {@link #createJob(JobRequest)}. */
  public CompletableFuture<Job> createJobAsync(JobRequest request) {
    return runtime.createJob(Objects.requireNonNull(request, "request"));
  }

  /**
   * Reads a job's status once, without waiting for it to end (transient failures are retried).
   *
   * @throws JobNotFoundException when the server does not know the job
   */
  public Job getStatus(String jobId) {
    return join(getStatusAsync(jobId));
  }

  /** Reads a job's status once without blocking; see {@link #getStatus(String)}. */
  public CompletableFuture<Job> getStatusAsync(String jobId) {
    return runtime.getStatus(requireId(jobId));
  }

  /**
   * Waits until the job ends, at most the client's default timeout.
   *
   * @return the terminal job: {@code completed}, {@code error} or {@code canceled}
   * @throws WaitTimeoutException when the deadline passes first (it carries the last status seen)
   * @throws JobNotFoundException when the server does not know the job
   * @throws RetriesExhaustedException when too many transient failures came in a row
   */
  public Job waitForResult(String jobId) {
    return join(waitForResultAsync(jobId));
  }

  /**
   * Waits until the job ends, at most {@code timeout}; no request outlives the deadline.
   *
   * @throws WaitTimeoutException when the deadline passes first
   */
  public Job waitForResult(String jobId, Duration timeout) {
    return join(waitForResultAsync(jobId, timeout));
  }

  /** Waits without blocking, at most the client's default timeout; see {@link #waitForResult(String)}. */
  public CompletableFuture<Job> waitForResultAsync(String jobId) {
    return runtime.waitFor(requireId(jobId), runtime.config().timeout());
  }

  /** Waits without blocking, at most {@code timeout}; see {@link #waitForResult(String, Duration)}. */
  public CompletableFuture<Job> waitForResultAsync(String jobId, Duration timeout) {
    return runtime.waitFor(requireId(jobId), ClientConfig.Checks.positive("timeout", timeout));
  }

  /**
   * Returns the token of the wait for {@code jobId} now in progress on this client, to resume it
   * later, perhaps in another process, with {@link #resumeWait(WaitToken)} and the same deadline.
   *
   * @throws IllegalStateException when no wait for the job is in progress
   */
  public WaitToken waitToken(String jobId) {
    return runtime.waitToken(requireId(jobId));
  }

  /**
   * Carries on a wait from its token until the job ends or the token's deadline passes: the budget
   * is what was left, not a new timeout. A token whose deadline has passed is read once.
   *
   * @throws IllegalArgumentException when the token is for another server
   * @throws WaitTimeoutException when the deadline passes first (its {@code timeout()} is the budget
   *     this call had)
   */
  public Job resumeWait(WaitToken token) {
    return join(resumeWaitAsync(token));
  }

  /** Resumes a wait without blocking; see {@link #resumeWait(WaitToken)}. */
  public CompletableFuture<Job> resumeWaitAsync(WaitToken token) {
    return runtime.resume(Objects.requireNonNull(token, "token"));
  }

  /**
   * Waits for a single-job seed server's default job ({@code GET /status}, which has no id) by
   * polling with the configured schedule (adaptive for channels that need ids), at most the client's
   * default timeout. The returned job's id is empty.
   *
   * @throws WaitTimeoutException when the deadline passes first
   */
  public Job waitForDefaultJob() {
    return join(waitForDefaultJobAsync());
  }

  /** Waits for the default job without blocking; see {@link #waitForDefaultJob()}. */
  public CompletableFuture<Job> waitForDefaultJobAsync() {
    return runtime.waitForDefaultJob(runtime.config().timeout());
  }

  /**
   * Waits for every job at once, each at most the client's default timeout. Interrupting the
   * calling thread ends every one of the waits.
   *
   * @return id to terminal job, in the order given
   * @throws VideoTranslationException the first failure in the given order, once every wait ended
   */
  public Map<String, Job> waitForAll(Collection<String> jobIds) {
    return join(waitForAllAsync(jobIds));
  }

  /**
   * Waits for every job without blocking; see {@link #waitForAll(Collection)}. Cancelling the
   * returned future cancels every wait, which stops its requests and timers.
   */
  public CompletableFuture<Map<String, Job>> waitForAllAsync(Collection<String> jobIds) {
    List<String> ids = new ArrayList<>(Objects.requireNonNull(jobIds, "jobIds"));
    ids.forEach(VideoTranslationClient::requireId);
    return runtime.waitForAll(ids, runtime.config().timeout());
  }

  /**
   * Cancels a pending job; cancelling a job that already ended changes nothing.
   *
   * @return the job as the server has it after the request
   * @throws JobNotFoundException when the server does not know the job
   * @throws VideoTranslationException against a seed-protocol server, which cannot cancel
   */
  public Job cancel(String jobId) {
    return join(cancelAsync(jobId));
  }

  /** Cancels without blocking; see {@link #cancel(String)}. */
  public CompletableFuture<Job> cancelAsync(String jobId) {
    return runtime.cancel(requireId(jobId));
  }

  /** Returns a snapshot of what the client measured so far. Thread-safe. */
  public ClientMetrics metrics() {
    return new ClientMetrics(runtime.metrics());
  }

  /**
   * Returns the name of the way the client waits now: the configured strategy's name, or for
   * {@code auto} (and after a fallback) the channel in use, for example {@code "events"}.
   */
  public String strategyName() {
    return runtime.strategyName();
  }

  /**
   * Stops every wait (they fail with {@link ClientClosedException}), closes the event stream, the
   * audit sink and the threads the client owns. Idempotent.
   */
  @Override
  public void close() {
    runtime.close();
  }

  private static String requireId(String jobId) {
    if (jobId == null || jobId.isBlank()) {
      throw new IllegalArgumentException("jobId must not be blank, was '" + jobId + "'");
    }
    return jobId;
  }

  private <T> T join(CompletableFuture<T> future) {
    return runtime.join(future);
  }
}
