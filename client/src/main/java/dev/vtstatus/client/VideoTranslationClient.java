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

  private VideoTranslationClient(ClientConfig config) {
    this(ClientRuntime.create(config));
  }

  /** Wraps a runtime; tests use it to give the client a fake transport. */
  VideoTranslationClient(ClientRuntime runtime) {
    this.runtime = runtime;
  }

  /** Returns a new builder with every default set. */
  public static Builder builder() {
    return new Builder();
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
    return runtime.metrics();
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

  /**
   * Builds a {@link VideoTranslationClient}. Each setter checks its value at once and throws
   * {@link IllegalArgumentException} naming it. Not thread-safe.
   */
  public static final class Builder {
    private List<URI> baseUrls = List.of(URI.create("http://127.0.0.1:5000"));
    private String apiKey;
    private Duration timeout = Duration.ofSeconds(300);
    private int maxRetries = 10;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private WaitStrategy waitStrategy = WaitStrategy.auto();
    private double rateLimit;
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private MeterRegistry meterRegistry;
    private AuditSink auditSink;
    private OpenTelemetry openTelemetry;
    private final List<WaitListener> listeners = new ArrayList<>();
    private ProtocolMode protocol = ProtocolMode.AUTO;
    private int threads = 2;
    private Duration callTimeout = ClientConfig.Limits.DEFAULT.callTimeout();
    private int maxAnswerSize = ClientConfig.Limits.DEFAULT.maxAnswerSize();
    private int maxEventLine = ClientConfig.Limits.DEFAULT.maxEventLine();
    private Path learnedDurations;

    private Builder() {}

    /** Sets the server's base URL, for example {@code http://127.0.0.1:5000} (the default). */
    public Builder baseUrl(String url) {
      this.baseUrls = List.of(parse(url));
      return this;
    }

    /** Sets the server's base URL; it must be absolute http or https. */
    public Builder baseUrl(URI url) {
      this.baseUrls = List.of(check(url));
      return this;
    }

    /**
     * Sets the base URLs of several replicas of one server (sharing one store), for example {@code
     * baseUrls("http://a:5000", "http://b:5000")}. The client sends every request to one of them,
     * starting with the first; when that one stops answering (connect refused, or resets, timeouts,
     * 502, 503 or 504 twice in a row) it moves on to the next, in a ring. A request that moved is the
     * same request (a create keeps its {@code Idempotency-Key}), and the event stream resumes on the
     * next replica with {@code Last-Event-ID}. Default: the one URL {@code http://127.0.0.1:5000}.
     *
     * @throws IllegalArgumentException when the list is empty, repeats a URL or holds one that is
     *     not an absolute http(s) URL
     */
    public Builder baseUrls(String... urls) {
      if (urls == null || urls.length == 0) {
        throw new IllegalArgumentException("baseUrls must name at least one URL");
      }
      return baseUrls(java.util.Arrays.stream(urls).map(Builder::parse).toList());
    }

    /** Sets the base URLs of several replicas of one server; see {@link #baseUrls(String...)}. */
    public Builder baseUrls(List<URI> urls) {
      if (urls == null || urls.isEmpty()) {
        throw new IllegalArgumentException("baseUrls must name at least one URL");
      }
      List<URI> checked = urls.stream().map(Builder::check).toList();
      if (new java.util.HashSet<>(checked).size() != checked.size()) {
        throw new IllegalArgumentException("baseUrls must not repeat a URL, was " + checked);
      }
      this.baseUrls = checked;
      return this;
    }

    private static URI parse(String url) {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("baseUrl must not be blank, was '" + url + "'");
      }
      URI uri;
      try {
        uri = URI.create(url.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("baseUrl is not a URL: '" + url + "'", e);
      }
      return check(uri);
    }

    private static URI check(URI url) {
      if (url == null
          || url.getScheme() == null
          || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
          || url.getHost() == null) {
        throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was '" + url + "'");
      }
      String s = url.toString();
      return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** Sets the API key sent as {@code X-Api-Key}; default none. */
    public Builder apiKey(String key) {
      if (key != null && (key.isBlank() || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
        throw new IllegalArgumentException("apiKey must be printable ASCII without spaces");
      }
      this.apiKey = key;
      return this;
    }

    /** Sets the default total time of one wait; default 300 s. */
    public Builder timeout(Duration total) {
      this.timeout = ClientConfig.Checks.positive("timeout", total);
      return this;
    }

    /** Sets how many consecutive transient failures one operation tolerates; default 10. */
    public Builder maxRetries(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative, was " + n);
      }
      this.maxRetries = n;
      return this;
    }

    /**
     * Sets the total time of a call that is not a wait ({@code createJob}, {@code getStatus},
     * {@code cancel}, and the capabilities read the first of them makes), retries included; past it
     * the call fails with {@link CallTimeoutException}. Default 30 s.
     */
    public Builder callTimeout(Duration total) {
      this.callTimeout = ClientConfig.Checks.positive("callTimeout", total);
      return this;
    }

    /**
     * Sets the largest answer body the client reads, in bytes; a longer one fails the call with
     * {@link InvalidResponseException} naming the limit, and the rest is not read. Default 8 MiB,
     * room for a full batch read of 100 jobs that each echo a 64 KiB create body; at least 1024.
     */
    public Builder maxAnswerSize(int bytes) {
      this.maxAnswerSize = ClientConfig.Checks.atLeast("maxAnswerSize", bytes, 1024);
      return this;
    }

    /**
     * Sets the longest event-stream line, and the longest event (its data lines together), the
     * client reads, in characters; a longer one ends that stream connection with {@link
     * InvalidResponseException} naming the limit. Default 1 MiB (1,048,576), far above any job's
     * JSON; at least 1024.
     */
    public Builder maxEventLineLength(int chars) {
      this.maxEventLine = ClientConfig.Checks.atLeast("maxEventLineLength", chars, 1024);
      return this;
    }

    /** Sets the longest one request may take, a long poll's wait added; default 30 s. */
    public Builder requestTimeout(Duration t) {
      this.requestTimeout = ClientConfig.Checks.positive("requestTimeout", t);
      return this;
    }

    /**
     * Sets how to wait; default {@link WaitStrategy#auto()}. The strategy must come from one of
     * {@link WaitStrategy}'s factories.
     */
    public Builder waitStrategy(WaitStrategy s) {
      Objects.requireNonNull(s, "waitStrategy");
      if (!ClientConfig.isKnownStrategy(s)) {
        throw new IllegalArgumentException(
            "waitStrategy must come from WaitStrategy's factories, was " + s.getClass().getName());
      }
      this.waitStrategy = s;
      return this;
    }

    /** Limits the whole client to this many requests per second; default unlimited. */
    public Builder rateLimit(double requestsPerSecond) {
      if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
        throw new IllegalArgumentException(
            "rateLimit must be a positive number of requests per second, was " + requestsPerSecond);
      }
      this.rateLimit = requestsPerSecond;
      return this;
    }

    /** Sets the clock every time is read from; default the system UTC clock. */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Uses the caller's scheduler for timers and for the client's own work; the client then does not
     * shut it down. Default: a scheduler the client owns with 2 threads.
     */
    public Builder scheduler(ScheduledExecutorService s) {
      this.scheduler = Objects.requireNonNull(s, "scheduler");
      return this;
    }

    /** Records meters (prefix {@code vtstatus.client}) in this registry too; default none. */
    // Micrometer is an optional module (requires static): only callers that pass a registry need it.
    @SuppressWarnings("exports")
    public Builder meterRegistry(MeterRegistry r) {
      this.meterRegistry = Objects.requireNonNull(r, "meterRegistry");
      return this;
    }

    /** Appends audit events to this JSON-lines file; see {@link AuditSink#jsonLines(Path)}. */
    public Builder auditLog(Path jsonLinesFile) {
      Objects.requireNonNull(jsonLinesFile, "auditLog");
      return auditSink(AuditSink.jsonLines(jsonLinesFile));
    }

    /** Sends audit events to this sink, which the client closes when it closes; default none. */
    public Builder auditSink(AuditSink sink) {
      this.auditSink = Objects.requireNonNull(sink, "auditSink");
      return this;
    }

    /**
     * Makes a span per job wait and per request with this OpenTelemetry; default none (the client
     * then generates W3C trace context itself).
     */
    // OpenTelemetry is an optional module (requires static): only callers that pass one need it.
    @SuppressWarnings("exports")
    public Builder openTelemetry(OpenTelemetry otel) {
      this.openTelemetry = Objects.requireNonNull(otel, "openTelemetry");
      return this;
    }

    /** Adds a listener; listeners are called in the order added. */
    public Builder addListener(WaitListener l) {
      listeners.add(Objects.requireNonNull(l, "listener"));
      return this;
    }

    /** Sets which protocol to speak; default {@link ProtocolMode#AUTO}. */
    public Builder protocol(ProtocolMode m) {
      this.protocol = Objects.requireNonNull(m, "protocol");
      return this;
    }

    /**
     * Sets how many threads the client's own scheduler and its HTTP client each use; default 2.
     */
    public Builder threads(int n) {
      if (n < 1 || n > 64) {
        throw new IllegalArgumentException("threads must be between 1 and 64, was " + n);
      }
      this.threads = n;
      return this;
    }

    /**
     * Keeps what adaptive polling learns (job durations, how far the server's estimates are off)
     * in this JSON file: it is read when the client is built, if it exists, and written when the
     * client closes, so a new process does not start cold. Default: none (each client starts
     * cold). Used by {@link WaitStrategy#adaptive()} and by the adaptive polling other strategies
     * fall back to.
     *
     * @throws IllegalArgumentException at {@link #build()} when the file exists but is not such a file
     */
    public Builder learnedDurations(Path file) {
      this.learnedDurations = Objects.requireNonNull(file, "learnedDurations");
      return this;
    }

    /** Returns a new client with this configuration. */
    public VideoTranslationClient build() {
      return new VideoTranslationClient(config());
    }

    /** Returns the validated configuration; tests build runtimes with fakes from it. */
    ClientConfig config() {
      return new ClientConfig(
              baseUrls,
              apiKey,
              timeout,
              maxRetries,
              requestTimeout,
              waitStrategy,
              rateLimit,
              clock,
              scheduler,
              meterRegistry,
              auditSink,
              openTelemetry,
              listeners,
              protocol,
              threads,
              new ClientConfig.Limits(callTimeout, maxAnswerSize, maxEventLine),
              learnedDurations);
    }
  }
}
