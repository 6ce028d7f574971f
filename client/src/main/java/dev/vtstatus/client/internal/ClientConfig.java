package dev.vtstatus.client.internal;

import dev.vtstatus.client.AuditSink;
import dev.vtstatus.client.ProtocolMode;
import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.protocol.Durations;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The client's validated, immutable configuration, copied from the builder.
 *
 * @param baseUrls the server's replicas (one URL for one server), without trailing slashes; the
 *     client starts on the first
 * @param apiKey sent as {@code X-Api-Key}, or null
 * @param timeout the default total time of one wait (and of one create, cancel or read)
 * @param maxRetries consecutive transient failures tolerated per operation
 * @param requestTimeout the longest one request may take (a long poll adds its wait)
 * @param waitStrategy how to wait
 * @param rateLimit requests per second for the whole client, or 0 for unlimited
 * @param clock the clock every time is read from
 * @param scheduler the caller's scheduler, or null to own one
 * @param meterRegistry where to record meters too, or null
 * @param auditSink where audit events go, or null
 * @param openTelemetry for spans, or null to generate trace context directly
 * @param listeners the caller's listeners, in order
 * @param protocol which protocol to speak
 * @param threads how many threads the client owns for its scheduler and for the HTTP client each
 * @param limits the call timeout and the largest answers read
 * @param learnedDurations where adaptive polling's learning is loaded from and saved to, or null
 */
public record ClientConfig(
    List<URI> baseUrls,
    String apiKey,
    Duration timeout,
    int maxRetries,
    Duration requestTimeout,
    WaitStrategy waitStrategy,
    double rateLimit,
    Clock clock,
    ScheduledExecutorService scheduler,
    MeterRegistry meterRegistry,
    AuditSink auditSink,
    OpenTelemetry openTelemetry,
    List<WaitListener> listeners,
    ProtocolMode protocol,
    int threads,
    Limits limits,
    java.nio.file.Path learnedDurations) {

  /**
   * What bounds one call and what the client reads.
   *
   * @param callTimeout the total time of a create, read or cancel, retries included
   * @param maxAnswerSize the largest answer body read, in bytes
   * @param maxEventLine the longest event-stream line (and event data) read, in characters
   */
  public record Limits(Duration callTimeout, int maxAnswerSize, int maxEventLine) {
    /** 30 s; 8 MiB (a full batch of 100 jobs, each echoing a 64 KiB create body); 1 MiB. */
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(30), 8 << 20, 1 << 20);

    /** Checks every value. */
    public Limits {
      Checks.positive("callTimeout", callTimeout);
      Checks.atLeast("maxAnswerSize", maxAnswerSize, 1024);
      Checks.atLeast("maxEventLine", maxEventLine, 1024);
    }
  }

  /** Checks every value again, so a config is valid however it was made. */
  public ClientConfig {
    baseUrls = Checks.baseUrls(baseUrls);
    Checks.positive("timeout", timeout);
    Checks.positive("requestTimeout", requestTimeout);
    Checks.maxRetries(maxRetries);
    Checks.apiKey(apiKey);
    if (!(rateLimit >= 0) || Double.isInfinite(rateLimit)) {
      throw new IllegalArgumentException("rateLimit must be 0 (unlimited) or positive, was " + rateLimit);
    }
    Checks.threads(threads);
    Objects.requireNonNull(waitStrategy, "waitStrategy");
    if (!isKnownStrategy(waitStrategy)) {
      throw new IllegalArgumentException("waitStrategy must come from WaitStrategy's factories");
    }
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(limits, "limits");
    listeners = List.copyOf(listeners);
  }

  /**
   * Returns the configuration for logs, with the API key redacted (only whether one is set shows),
   * so printing a config never leaks the secret.
   */
  @Override
  public String toString() {
    return "ClientConfig[baseUrls=" + baseUrls
        + ", apiKey=" + (apiKey == null ? "none" : "<redacted>")
        + ", timeout=" + timeout
        + ", maxRetries=" + maxRetries
        + ", requestTimeout=" + requestTimeout
        + ", waitStrategy=" + waitStrategy.name()
        + ", rateLimit=" + rateLimit
        + ", clock=" + clock
        + ", scheduler=" + (scheduler == null ? "own" : "caller's")
        + ", meterRegistry=" + (meterRegistry == null ? "none" : "set")
        + ", auditSink=" + (auditSink == null ? "none" : "set")
        + ", openTelemetry=" + (openTelemetry == null ? "none" : "set")
        + ", listeners=" + listeners.size()
        + ", protocol=" + protocol
        + ", threads=" + threads
        + ", limits=" + limits
        + ", learnedDurations=" + (learnedDurations == null ? "none" : learnedDurations) + "]";
  }

  /** Returns the first base URL, the one every request is built on and the client starts on. */
  public URI baseUrl() {
    return baseUrls.get(0);
  }

  /** Returns whether the client knows how to wait with this strategy (one of the factories' own). */
  public static boolean isKnownStrategy(WaitStrategy s) {
    return s instanceof dev.vtstatus.client.internal.strategy.BuiltInStrategy;
  }

  /** The most threads the client owns for its scheduler, and for its HTTP client. */
  public static final int MAX_THREADS = 64;

  /**
   * Argument checks whose messages name the bad value: the one place each rule of the
   * configuration is written, for the builder's setters and for this record alike.
   */
  public static final class Checks {
    private Checks() {}

    /** Returns the URL, or throws when it is null, blank or not an absolute http(s) URL. */
    public static URI baseUrl(String url) {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("baseUrl must not be blank, was '" + url + "'");
      }
      URI uri;
      try {
        uri = URI.create(url.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("baseUrl is not a URL: '" + url + "'", e);
      }
      return baseUrl(uri);
    }

    /** Returns the URL without a trailing slash, or throws when it is not an absolute http(s) URL. */
    public static URI baseUrl(URI url) {
      if (url == null
          || url.getScheme() == null
          || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
          || url.getHost() == null) {
        throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was '" + url + "'");
      }
      String s = url.toString();
      return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** Returns an immutable copy of the URLs, or throws when there are none or one repeats. */
    public static List<URI> baseUrls(List<URI> urls) {
      List<URI> copy = List.copyOf(urls);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("baseUrls must name at least one URL");
      }
      if (new java.util.HashSet<>(copy).size() != copy.size()) {
        throw new IllegalArgumentException("baseUrls must not repeat a URL, was " + copy);
      }
      return copy;
    }

    /** Returns the API key (null for none), or throws when it is not printable ASCII without spaces. */
    public static String apiKey(String key) {
      if (key != null && (key.isBlank() || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
        throw new IllegalArgumentException("apiKey must be printable ASCII without spaces");
      }
      return key;
    }

    /** Returns the count, or throws when it is negative. */
    public static int maxRetries(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative, was " + n);
      }
      return n;
    }

    /** Returns the count, or throws when it is not between 1 and {@value ClientConfig#MAX_THREADS}. */
    public static int threads(int n) {
      if (n < 1 || n > MAX_THREADS) {
        throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS + ", was " + n);
      }
      return n;
    }

    /** Returns the value, or throws naming it when it is null, zero or negative. */
    public static Duration positive(String name, Duration value) {
      return Durations.requirePositive(name, value);
    }

    /** Returns the value, or throws naming it when it is below {@code min}. */
    public static int atLeast(String name, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
      }
      return value;
    }
  }
}
