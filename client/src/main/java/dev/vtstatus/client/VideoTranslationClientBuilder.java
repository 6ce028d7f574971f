package dev.vtstatus.client;

import dev.vtstatus.client.internal.ClientConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds a {@link VideoTranslationClient}. Each setter checks its value at once and throws
 * {@link IllegalArgumentException} naming it. Not thread-safe.
 */
public final class VideoTranslationClientBuilder {
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

  VideoTranslationClientBuilder() {}

  /** Sets the server's base URL, for example {@code http://127.0.0.1:5000} (the default). */
  public VideoTranslationClientBuilder baseUrl(String url) {
    this.baseUrls = List.of(ClientConfig.Checks.baseUrl(url));
    return this;
  }

  /** Sets the server's base URL; it must be absolute http or https. */
  public VideoTranslationClientBuilder baseUrl(URI url) {
    this.baseUrls = List.of(ClientConfig.Checks.baseUrl(url));
    return this;
  }

  /**
   * Sets the base URLs of several replicas of one server (sharing one store), for example {@code
   * baseUrls("http://a:5000", "http://b:5000")}. The client spreads over them: each request
   * (create, read, long poll, batch read) goes to the next replica in service, in turn, and the one
   * event stream stays on one replica. A replica that stops answering (connect refused, or resets,
   * timeouts, 502, 503 or 504 twice in a row) is set aside; after 1 s (doubling up to 30 s while it
   * stays down) it is probed with {@code GET /healthz} and takes requests again once it answers. A
   * retried request is the same request (a create keeps its {@code Idempotency-Key} on every
   * replica), and the event stream resumes on the next replica at once with {@code Last-Event-ID}
   * when its replica is gone. Default: the one URL {@code http://127.0.0.1:5000}.
   *
   * @throws IllegalArgumentException when the list is empty, repeats a URL or holds one that is
   *     not an absolute http(s) URL
   */
  public VideoTranslationClientBuilder baseUrls(String... urls) {
    if (urls == null || urls.length == 0) {
      throw new IllegalArgumentException("baseUrls must name at least one URL");
    }
    return baseUrls(java.util.Arrays.stream(urls).map(ClientConfig.Checks::baseUrl).toList());
  }

  /** Sets the base URLs of several replicas of one server; see {@link #baseUrls(String...)}. */
  public VideoTranslationClientBuilder baseUrls(List<URI> urls) {
    if (urls == null) {
      throw new IllegalArgumentException("baseUrls must name at least one URL");
    }
    this.baseUrls = ClientConfig.Checks.baseUrls(urls.stream().map(ClientConfig.Checks::baseUrl).toList());
    return this;
  }

  /** Sets the API key sent as {@code X-Api-Key}; default none. */
  public VideoTranslationClientBuilder apiKey(String key) {
    this.apiKey = ClientConfig.Checks.apiKey(key);
    return this;
  }

  /** Sets the default total time of one wait; default 300 s. */
  public VideoTranslationClientBuilder timeout(Duration total) {
    this.timeout = ClientConfig.Checks.positive("timeout", total);
    return this;
  }

  /** Sets how many consecutive transient failures one operation tolerates; default 10. */
  public VideoTranslationClientBuilder maxRetries(int n) {
    this.maxRetries = ClientConfig.Checks.maxRetries(n);
    return this;
  }

  /**
   * Sets the total time of a call that is not a wait ({@code createJob}, {@code getStatus},
   * {@code cancel}, and the capabilities read the first of them makes), retries included; past it
   * the call fails with {@link CallTimeoutException}. Default 30 s.
   */
  public VideoTranslationClientBuilder callTimeout(Duration total) {
    this.callTimeout = ClientConfig.Checks.positive("callTimeout", total);
    return this;
  }

  /**
   * Sets the largest answer body the client reads, in bytes; a longer one fails the call with
   * {@link InvalidResponseException} naming the limit, and the rest is not read. Default 8 MiB,
   * room for a full batch read of 100 jobs that each echo a 64 KiB create body; at least 1024.
   */
  public VideoTranslationClientBuilder maxAnswerSize(int bytes) {
    this.maxAnswerSize = ClientConfig.Checks.atLeast("maxAnswerSize", bytes, 1024);
    return this;
  }

  /**
   * Sets the longest event-stream line, and the longest event (its data lines together), the
   * client reads, in characters; a longer one ends that stream connection with {@link
   * InvalidResponseException} naming the limit. Default 1 MiB (1,048,576), far above any job's
   * JSON; at least 1024.
   */
  public VideoTranslationClientBuilder maxEventLineLength(int chars) {
    this.maxEventLine = ClientConfig.Checks.atLeast("maxEventLineLength", chars, 1024);
    return this;
  }

  /** Sets the longest one request may take, a long poll's wait added; default 30 s. */
  public VideoTranslationClientBuilder requestTimeout(Duration t) {
    this.requestTimeout = ClientConfig.Checks.positive("requestTimeout", t);
    return this;
  }

  /**
   * Sets how to wait; default {@link WaitStrategy#auto()}. The strategy must come from one of
   * {@link WaitStrategy}'s factories.
   */
  public VideoTranslationClientBuilder waitStrategy(WaitStrategy s) {
    Objects.requireNonNull(s, "waitStrategy");
    if (!ClientConfig.isKnownStrategy(s)) {
      throw new IllegalArgumentException(
          "waitStrategy must come from WaitStrategy's factories, was " + s.getClass().getName());
    }
    this.waitStrategy = s;
    return this;
  }

  /** Limits the whole client to this many requests per second; default unlimited. */
  public VideoTranslationClientBuilder rateLimit(double requestsPerSecond) {
    if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException(
          "rateLimit must be a positive number of requests per second, was " + requestsPerSecond);
    }
    this.rateLimit = requestsPerSecond;
    return this;
  }

  /** Sets the clock every time is read from; default the system UTC clock. */
  public VideoTranslationClientBuilder clock(Clock c) {
    this.clock = Objects.requireNonNull(c, "clock");
    return this;
  }

  /**
   * Uses the caller's scheduler for timers and for the client's own work; the client then does not
   * shut it down. Default: a scheduler the client owns with 2 threads.
   */
  public VideoTranslationClientBuilder scheduler(ScheduledExecutorService s) {
    this.scheduler = Objects.requireNonNull(s, "scheduler");
    return this;
  }

  /** Records meters (prefix {@code vtstatus.client}) in this registry too; default none. */
  // Micrometer is an optional module (requires static): only callers that pass a registry need it.
  @SuppressWarnings("exports")
  public VideoTranslationClientBuilder meterRegistry(MeterRegistry r) {
    this.meterRegistry = Objects.requireNonNull(r, "meterRegistry");
    return this;
  }

  /** Appends audit events to this JSON-lines file; see {@link AuditSink#jsonLines(Path)}. */
  public VideoTranslationClientBuilder auditLog(Path jsonLinesFile) {
    Objects.requireNonNull(jsonLinesFile, "auditLog");
    return auditSink(AuditSink.jsonLines(jsonLinesFile));
  }

  /** Sends audit events to this sink, which the client closes when it closes; default none. */
  public VideoTranslationClientBuilder auditSink(AuditSink sink) {
    this.auditSink = Objects.requireNonNull(sink, "auditSink");
    return this;
  }

  /**
   * Makes a span per job wait and per request with this OpenTelemetry; default none (the client
   * then generates W3C trace context itself).
   */
  // OpenTelemetry is an optional module (requires static): only callers that pass one need it.
  @SuppressWarnings("exports")
  public VideoTranslationClientBuilder openTelemetry(OpenTelemetry otel) {
    this.openTelemetry = Objects.requireNonNull(otel, "openTelemetry");
    return this;
  }

  /** Adds a listener; listeners are called in the order added. */
  public VideoTranslationClientBuilder addListener(WaitListener l) {
    listeners.add(Objects.requireNonNull(l, "listener"));
    return this;
  }

  /** Sets which protocol to speak; default {@link ProtocolMode#AUTO}. */
  public VideoTranslationClientBuilder protocol(ProtocolMode m) {
    this.protocol = Objects.requireNonNull(m, "protocol");
    return this;
  }

  /**
   * Sets how many threads the client's own scheduler and its HTTP client each use: 1 to 64,
   * default 2.
   */
  public VideoTranslationClientBuilder threads(int n) {
    this.threads = ClientConfig.Checks.threads(n);
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
  public VideoTranslationClientBuilder learnedDurations(Path file) {
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
