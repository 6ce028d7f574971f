package dev.vtstatus.client.internal;

import dev.vtstatus.client.ClientClosedException;
import dev.vtstatus.client.ProtocolMode;
import dev.vtstatus.client.VideoTranslationException;
import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitToken;
import dev.vtstatus.client.internal.http.JdkTransport;
import dev.vtstatus.client.internal.http.Transport;
import dev.vtstatus.client.internal.observe.AuditRecorder;
import dev.vtstatus.client.internal.observe.ListenerChain;
import dev.vtstatus.client.internal.observe.MetricsRecorder;
import dev.vtstatus.client.internal.observe.MicrometerRecorder;
import dev.vtstatus.client.internal.strategy.BuiltInStrategy;
import dev.vtstatus.client.internal.strategy.ChannelPlan;
import dev.vtstatus.client.internal.strategy.ScheduleStrategy;
import dev.vtstatus.client.internal.trace.OtelTracing;
import dev.vtstatus.client.internal.trace.Tracing;
import dev.vtstatus.client.internal.trace.W3cTracing;
import dev.vtstatus.client.internal.wait.Backoff;
import dev.vtstatus.client.internal.wait.ClientContext;
import dev.vtstatus.client.internal.wait.EventSource;
import dev.vtstatus.client.internal.wait.JobWait;
import dev.vtstatus.client.internal.wait.RateLimiter;
import dev.vtstatus.client.internal.wait.Replicas;
import dev.vtstatus.client.internal.wait.RequestRunner;
import dev.vtstatus.client.internal.wait.Routes;
import dev.vtstatus.client.internal.wait.SeedDialect;
import dev.vtstatus.client.internal.wait.ServerProfile;
import dev.vtstatus.protocol.Causes;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The running client behind {@link dev.vtstatus.client.VideoTranslationClient}: it wires what the
 * client owns (threads, transport, listeners, request runner), runs the one-shot calls through
 * {@link OneShotCalls} and the waits through {@link Waits}, whose channels {@link ChannelChoice}
 * picks, and releases everything on {@link #close()}. One asynchronous path for every operation,
 * which the synchronous methods {@link #join}. Made by {@link #create}. Thread-safe.
 */
public final class ClientRuntime {
  /** The most requests (and so connections) the client has on the wire at once, long polls aside. */
  static final int MAX_IN_FLIGHT = 64;

  private final ClientConfig config;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Transport transport;
  private final MetricsRecorder metrics;
  private final ServerProbe probe;
  private final OneShotCalls calls;
  private final ChannelChoice channels;
  private final Waits waits;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Consumer<CompletableFuture<?>> joinObserver;

  /**
   * What tests put in place of the real parts; a null part means the real one.
   *
   * @param transport sends the requests
   * @param eventSources makes the event stream
   * @param backoff the retry backoff
   * @param joinObserver hears of every future a synchronous call is about to block on, so a test
   *     driving time by hand knows when the caller is truly waiting
   */
  public record Seams(
      Transport transport,
      EventSource.Factory eventSources,
      Backoff backoff,
      Consumer<CompletableFuture<?>> joinObserver) {
    /** Every part the real one. */
    public static final Seams NONE = new Seams(null, null, null, null);
  }

  /** Returns a runtime with the JDK HTTP client on threads it owns (or on the caller's scheduler). */
  public static ClientRuntime create(ClientConfig config) {
    return new ClientRuntime(config, Seams.NONE);
  }

  /** Returns a runtime with the given parts in place of the real ones, for tests. */
  public static ClientRuntime create(ClientConfig config, Seams seams) {
    return new ClientRuntime(config, seams);
  }

  private ClientRuntime(ClientConfig config, Seams seams) {
    this.config = config;
    this.joinObserver = seams.joinObserver();
    int number = Threads.nextClientNumber();
    this.ownsScheduler = config.scheduler() == null;
    this.scheduler = ownsScheduler ? Threads.scheduler(number, config.threads()) : config.scheduler();
    this.metrics = new MetricsRecorder(config.clock());
    WaitListener listener = listeners(config, metrics);
    EventSource.Factory eventSources = seams.eventSources();
    JdkTransport jdk = null;
    if (seams.transport() == null) {
      Duration connect = config.requestTimeout().compareTo(Duration.ofSeconds(10)) < 0
          ? config.requestTimeout() : Duration.ofSeconds(10);
      jdk = new JdkTransport(
          Threads.http(number, config.threads()), scheduler, connect, config.clock(), MAX_IN_FLIGHT,
          config.limits().maxAnswerSize());
    }
    this.transport = jdk != null ? jdk : seams.transport();
    Replicas replicas = new Replicas(config.baseUrls(), config.clock(), listener,
        new HealthProbe(this.transport, config.requestTimeout())::answers);
    if (jdk != null && eventSources == null) {
      eventSources = new JdkEventSources(config, jdk.httpClient(), scheduler, listener, replicas);
    }
    RateLimiter limiter = config.rateLimit() > 0
        ? RateLimiter.of(config.rateLimit(), config.clock(), scheduler, listener)
        : RateLimiter.unlimited();
    RequestRunner runner = new RequestRunner(
        this.transport, config.clock(), scheduler, listener, limiter,
        seams.backoff() != null ? seams.backoff() : Backoff.defaults(),
        config.apiKey(), config.maxRetries(), config.requestTimeout(), closed::get, replicas);
    Tracing tracing = config.openTelemetry() != null ? new OtelTracing(config.openTelemetry()) : new W3cTracing();
    Routes routes = new Routes(config.baseUrl());
    ClientContext context =
        new ClientContext(config.clock(), scheduler, listener, runner, routes, tracing, new SeedDialect(routes));
    ChannelPlan plan = ((BuiltInStrategy) config.waitStrategy()).channelPlan();
    if (config.learnedDurations() != null) {
      plan.polling().load(config.learnedDurations());
    }
    this.probe = new ServerProbe(context, config.protocol(), config.limits().callTimeout());
    CreatedJobs created = new CreatedJobs();
    this.channels = new ChannelChoice(context, plan, config.waitStrategy().name(), eventSources, this::profileFor);
    this.calls = new OneShotCalls(context, probe, config.limits().callTimeout(), created, channels::beforeCreate);
    this.waits = new Waits(config, context, channels, created, this::profileFor, this::getStatus, closed::get);
  }

  /** Metrics first, then Micrometer and the audit log when configured, then the caller's listeners. */
  private static WaitListener listeners(ClientConfig config, MetricsRecorder metrics) {
    List<WaitListener> all = new ArrayList<>();
    all.add(metrics);
    if (config.meterRegistry() != null) {
      all.add(new MicrometerRecorder(config.meterRegistry()));
    }
    if (config.auditSink() != null) {
      all.add(new AuditRecorder(config.auditSink(), config.clock()));
    }
    all.addAll(config.listeners());
    return new ListenerChain(all);
  }

  /**
   * Blocks until the future is done, the one place the synchronous methods wait, and returns its
   * value or throws its failure unwrapped. An interrupt cancels the future.
   */
  public <T> T join(CompletableFuture<T> future) {
    if (joinObserver != null) {
      joinObserver.accept(future);
    }
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(false);
      throw new VideoTranslationException("interrupted while waiting", e);
    } catch (ExecutionException e) {
      throw PublicFailures.asRuntime(Causes.unwrap(e.getCause()));
    }
  }

  /** Returns the configuration. */
  public ClientConfig config() {
    return config;
  }

  /** Returns the strategy used for polling (configured, or adaptive as the fallback of other channels). */
  public ScheduleStrategy pollStrategy() {
    return channels.polling();
  }

  /**
   * Creates a job. A client that does not listen to events creates before it probes the server
   * (one request on a version 1 server); one that does probes first, so the event stream is open
   * before the job exists.
   */
  public CompletableFuture<Job> createJob(JobRequest request) {
    return ifOpen(() -> calls.create(request, channels.wantsEvents() || config.protocol() != ProtocolMode.AUTO));
  }

  /** Reads a job once. */
  public CompletableFuture<Job> getStatus(String jobId) {
    return ifOpen(() -> calls.read(jobId));
  }

  /** Cancels a job. */
  public CompletableFuture<Job> cancel(String jobId) {
    return ifOpen(() -> calls.cancel(jobId));
  }

  private <T> CompletableFuture<T> ifOpen(Supplier<CompletableFuture<T>> call) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new ClientClosedException());
    }
    return call.get().exceptionallyCompose(e -> CompletableFuture.failedFuture(PublicFailures.toPublic(e)));
  }

  /** Waits for one job, at most {@code timeout}; cancelling the returned future ends the wait. */
  public CompletableFuture<Job> waitFor(String jobId, Duration timeout) {
    return waits.waitFor(jobId, timeout);
  }

  /**
   * Resumes a wait from its token, with the deadline it carries: a token whose deadline has passed
   * is read once, and times out again unless its job has ended.
   *
   * @throws IllegalArgumentException when the token is about a server that is none of the client's
   */
  public CompletableFuture<Job> resume(WaitToken token) {
    return waits.resume(token);
  }

  /**
   * Returns the token of the wait for {@code jobId} now in progress (the earliest begun).
   *
   * @throws IllegalStateException when no wait for the job is in progress
   */
  public WaitToken waitToken(String jobId) {
    return waits.token(jobId);
  }

  /**
   * Waits for a single-job seed server's default job ({@code GET /status}, no id) by polling, at
   * most {@code timeout}; the job's id is empty.
   */
  public CompletableFuture<Job> waitForDefaultJob(Duration timeout) {
    return waits.waitForDefaultJob(timeout);
  }

  /**
   * Waits for many jobs; the map keeps the given order; fails with the first failure in order.
   * Cancelling the returned future cancels every wait, which stops their requests and timers.
   */
  public CompletableFuture<Map<String, Job>> waitForAll(List<String> jobIds, Duration timeout) {
    return waits.waitForAll(jobIds, timeout);
  }

  /** The server's profile, probed if need be within the wait's deadline and a call's budget. */
  private CompletableFuture<ServerProfile> profileFor(JobWait wait) {
    Instant callDeadline = calls.deadline();
    return probe.profile(wait.deadline().isBefore(callDeadline) ? wait.deadline() : callDeadline);
  }

  /** Returns the metrics' counts so far. */
  public MetricsRecorder.Counts metrics() {
    return metrics.snapshot();
  }

  /** Returns the name of the channel in use (the configured strategy's name before the probe). */
  public String strategyName() {
    return channels.name(probe.known());
  }

  /** Ends every wait with {@link ClientClosedException} and releases what the client holds. */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    channels.close();
    waits.failAll();
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
    transport.close();
    if (config.learnedDurations() != null) {
      try {
        channels.polling().save(config.learnedDurations());
      } catch (java.io.UncheckedIOException e) {
        LoggerFactory.getLogger(ClientRuntime.class).warn("{}", e.getMessage(), e);
      }
    }
    if (config.auditSink() != null) {
      try {
        config.auditSink().close();
      } catch (Exception e) {
        LoggerFactory.getLogger(ClientRuntime.class).warn("audit sink failed to close", e);
      }
    }
  }
}
