package dev.vtstatus.client.internal;

import dev.vtstatus.client.ClientClosedException;
import dev.vtstatus.client.ClientMetrics;
import dev.vtstatus.client.ProtocolMode;
import dev.vtstatus.client.VideoTranslationException;
import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.client.WaitTimeoutException;
import dev.vtstatus.client.WaitToken;
import dev.vtstatus.client.internal.wait.Backoff;
import dev.vtstatus.client.internal.wait.BatchReader;
import dev.vtstatus.client.internal.wait.ClientContext;
import dev.vtstatus.client.internal.wait.EventDispatcher;
import dev.vtstatus.client.internal.wait.EventSource;
import dev.vtstatus.client.internal.wait.JobWait;
import dev.vtstatus.client.internal.wait.LongPollDriver;
import dev.vtstatus.client.internal.wait.LongPollGroups;
import dev.vtstatus.client.internal.wait.PollingDriver;
import dev.vtstatus.client.internal.wait.RateLimiter;
import dev.vtstatus.client.internal.wait.Replicas;
import dev.vtstatus.client.internal.wait.RequestRunner;
import dev.vtstatus.client.internal.wait.Routes;
import dev.vtstatus.client.internal.wait.SeedDialect;
import dev.vtstatus.client.internal.wait.ServerProfile;
import dev.vtstatus.client.internal.http.JdkTransport;
import dev.vtstatus.client.internal.http.Transport;
import dev.vtstatus.client.internal.observe.AuditRecorder;
import dev.vtstatus.client.internal.observe.ListenerChain;
import dev.vtstatus.client.internal.observe.MetricsRecorder;
import dev.vtstatus.client.internal.observe.MicrometerRecorder;
import dev.vtstatus.client.internal.strategy.AdaptiveStrategy;
import dev.vtstatus.client.internal.strategy.AutoStrategy;
import dev.vtstatus.client.internal.strategy.EventsStrategy;
import dev.vtstatus.client.internal.strategy.LongPollStrategy;
import dev.vtstatus.client.internal.strategy.ScheduleStrategy;
import dev.vtstatus.client.internal.trace.OtelTracing;
import dev.vtstatus.client.internal.trace.Tracing;
import dev.vtstatus.client.internal.trace.W3cTracing;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The runtime behind {@link dev.vtstatus.client.VideoTranslationClient}: one asynchronous path for
 * every operation, which the synchronous methods join. It probes the server once, picks each
 * wait's channel (events, long poll or a polling schedule) and moves waits to the next channel when
 * one fails. Thread-safe.
 */
public final class ClientRuntime {
  /** The most requests (and so connections) the client has on the wire at once, long polls aside. */
  static final int MAX_IN_FLIGHT = 64;

  private final ClientConfig config;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Transport transport;
  private final MetricsRecorder metrics;
  private final WaitListener listener;
  private final ClientContext context;
  private final ScheduleStrategy pollStrategy;
  private final EventSource.Factory eventSources;
  private final ServerProbe probe;
  private final CreatedJobs created = new CreatedJobs();
  private final OneShotCalls calls;
  private final Set<JobWait> active = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Consumer<CompletableFuture<?>> joinObserver;
  private volatile EventDispatcher dispatcher;
  private volatile boolean longPollFailed;
  private BatchReader pollMerger;
  private LongPollGroups longPollGroups;
  /** Waits that the event stream's channel would carry but that wait elsewhere while it is down. */
  private final Set<JobWait> awayFromEvents = ConcurrentHashMap.newKeySet();

  /** Creates the runtime with the JDK HTTP client on threads it owns. */
  public ClientRuntime(ClientConfig config) {
    this(config, null, null, Backoff.defaults(), null);
  }

  /**
   * Creates the runtime with the given transport and event sources (null for the real ones), for
   * tests; {@code joinObserver} (may be null) hears of every future a synchronous call is about to
   * block on, so a test driving time by hand knows when the caller is truly waiting.
   */
  public ClientRuntime(
      ClientConfig config,
      Transport transport,
      EventSource.Factory eventSources,
      Backoff backoff,
      Consumer<CompletableFuture<?>> joinObserver) {
    this.config = config;
    this.joinObserver = joinObserver;
    int number = Threads.nextClientNumber();
    this.ownsScheduler = config.scheduler() == null;
    this.scheduler = ownsScheduler ? Threads.scheduler(number, config.threads()) : config.scheduler();
    this.metrics = new MetricsRecorder(config.clock());
    this.listener = listeners(config, metrics);
    Replicas replicas = new Replicas(config.baseUrls(), listener);
    if (transport == null) {
      Duration connect = config.requestTimeout().compareTo(Duration.ofSeconds(10)) < 0
          ? config.requestTimeout() : Duration.ofSeconds(10);
      JdkTransport jdk = new JdkTransport(
          Threads.http(number, config.threads()), scheduler, connect, config.clock(), MAX_IN_FLIGHT,
          config.limits().maxAnswerSize());
      this.transport = jdk;
      this.eventSources = eventSources != null
          ? eventSources : new JdkEventSources(config, jdk.httpClient(), scheduler, listener, replicas);
    } else {
      this.transport = transport;
      this.eventSources = eventSources;
    }
    RateLimiter limiter = config.rateLimit() > 0
        ? RateLimiter.of(config.rateLimit(), config.clock(), scheduler, listener)
        : RateLimiter.unlimited();
    RequestRunner runner = new RequestRunner(
        this.transport, config.clock(), scheduler, listener, limiter, backoff,
        config.apiKey(), config.maxRetries(), config.requestTimeout(), closed::get, replicas);
    Tracing tracing = config.openTelemetry() != null ? new OtelTracing(config.openTelemetry()) : new W3cTracing();
    Routes routes = new Routes(config.baseUrl());
    this.context = new ClientContext(config.clock(), scheduler, listener, runner, routes, tracing, new SeedDialect(routes));
    this.pollStrategy = config.waitStrategy() instanceof ScheduleStrategy s ? s.forClient() : AdaptiveStrategy.defaults();
    if (config.learnedDurations() != null && pollStrategy instanceof AdaptiveStrategy adaptive) {
      adaptive.load(config.learnedDurations());
    }
    this.probe = new ServerProbe(context, config.protocol(), config.limits().callTimeout());
    this.calls = new OneShotCalls(context, probe, config.limits().callTimeout(), created, p -> {
      if (wantsEvents() && p.events()) {
        dispatcher(p).ensureStarted();
      }
    });
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
      throw PublicFailures.asRuntime(PublicFailures.unwrap(e.getCause()));
    }
  }

  /** Returns the configuration. */
  public ClientConfig config() {
    return config;
  }

  /** Returns the strategy used for polling (configured, or adaptive as the fallback of other channels). */
  public ScheduleStrategy pollStrategy() {
    return pollStrategy;
  }

  /**
   * Creates a job. A client that does not listen to events creates before it probes the server
   * (one request on a version 1 server); one that does probes first, so the event stream is open
   * before the job exists.
   */
  public CompletableFuture<Job> createJob(JobRequest request) {
    return ifOpen(() -> calls.create(request, wantsEvents() || config.protocol() != ProtocolMode.AUTO));
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
    return startWait(jobId, timeout, null, this::probeAndDispatch);
  }

  /**
   * Resumes a wait from its token, with the deadline it carries: a token whose deadline has passed
   * is read once, and times out again unless its job has ended.
   *
   * @throws IllegalArgumentException when the token is about a server that is none of the client's
   */
  public CompletableFuture<Job> resume(WaitToken token) {
    // Replicas share their jobs, so a token from any of the client's replicas resumes here.
    if (!config.baseUrls().contains(token.server())) {
      throw new IllegalArgumentException("the token is for " + token.server()
          + ", but this client talks to " + String.join(", ", config.baseUrls().stream().map(URI::toString).toList()));
    }
    if (token.remaining(config.clock()).isZero()) {
      return getStatus(token.jobId()).thenCompose(job -> job.isTerminal()
          ? CompletableFuture.completedFuture(job)
          : CompletableFuture.failedFuture(new WaitTimeoutException(token.jobId(), Duration.ZERO, job, token)));
    }
    return startWait(token.jobId(), null, token, this::probeAndDispatch);
  }

  /**
   * Returns the token of the wait for {@code jobId} now in progress (the earliest begun).
   *
   * @throws IllegalStateException when no wait for the job is in progress
   */
  public WaitToken waitToken(String jobId) {
    return active.stream()
        .filter(w -> w.jobId().equals(jobId) && !w.isDone())
        .min(java.util.Comparator.comparing(JobWait::deadline))
        .map(JobWait::token)
        .orElseThrow(() -> new IllegalStateException("no wait for job '" + jobId + "' is in progress"));
  }

  private void probeAndDispatch(JobWait wait, Instant createdHereAt) {
    probe.profile(earliest(wait.deadline(), calls.deadline())).whenComplete((p, error) -> {
          if (error != null) {
            wait.fail(PublicFailures.unwrap(error));
          } else {
            dispatch(wait, p, createdHereAt);
          }
        });
  }

  /**
   * Waits for a single-job seed server's default job ({@code GET /status}, no id) by polling, at
   * most {@code timeout}; the job's id is empty.
   */
  public CompletableFuture<Job> waitForDefaultJob(Duration timeout) {
    return startWait("", timeout, null, (wait, createdHereAt) ->
        polling(wait, ServerProfile.SEED));
  }

  /** Starts a wait of {@code timeout}, or carries on the wait of {@code resumed} to its deadline. */
  private CompletableFuture<Job> startWait(
      String jobId, Duration timeout, WaitToken resumed, BiConsumer<JobWait, Instant> drive) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new ClientClosedException());
    }
    CreatedJobs.Created c = created.get(jobId);
    Tracing.OperationTrace trace = context.tracing().start("vtstatus.wait", jobId, c == null ? null : c.trace());
    Instant createdHereAt = c != null ? c.at() : resumed != null ? resumed.createdAt() : null;
    JobWait wait = new JobWait(jobId, resumed == null ? timeout : null, resumed == null ? null : resumed.deadline(),
        config.baseUrl(), config.clock(), listener, pollStrategy, trace, c == null ? null : c.job(),
        createdHereAt, resumed == null ? null : resumed.lastPendingAt());
    active.add(wait);
    wait.future().whenComplete((job, error) -> {
      active.remove(wait);
      if (error == null) {
        created.remove(jobId);
      }
    });
    wait.start(scheduler);
    drive.accept(wait, c == null ? null : c.at());
    if (closed.get()) {
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

  /**
   * Waits for many jobs; the map keeps the given order; fails with the first failure in order.
   * Cancelling the returned future cancels every wait, which stops their requests and timers.
   */
  public CompletableFuture<Map<String, Job>> waitForAll(List<String> jobIds, Duration timeout) {
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
          throw PublicFailures.asRuntime(PublicFailures.unwrap(f.handle((j, e) -> e).join()));
        }
        result.put(jobIds.get(i), f.join());
      }
      return Collections.unmodifiableMap(result);
    }).whenComplete((map, error) -> {
      if (error != null) {
        all.completeExceptionally(PublicFailures.unwrap(error));
      } else {
        all.complete(map);
      }
    });
    return all;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private boolean wantsEvents() {
    WaitStrategy s = config.waitStrategy();
    return s instanceof EventsStrategy || s instanceof AutoStrategy;
  }

  /** Gives a wait its channel: the configured one if the server allows, else the next available. */
  private void dispatch(JobWait wait, ServerProfile p, Instant createdHereAt) {
    if (wait.isDone()) {
      return;
    }
    WaitStrategy s = config.waitStrategy();
    if (s instanceof ScheduleStrategy || p.seed()) {
      polling(wait, p);
    } else if (s instanceof LongPollStrategy lp) {
      startLongPollOrPolling(wait, p, lp.maxWait());
    } else if (!(p.events() && dispatcher(p).watch(wait, createdHereAt))) {
      if (p.events()) {
        awayFromEvents.add(wait);
        wait.future().whenComplete((job, error) -> awayFromEvents.remove(wait));
      }
      startLongPollOrPolling(wait, p, p.maxWait());
    }
  }

  /**
   * Hands the waits that fell back from the event stream back to it once a re-probe opened it:
   * each leaves its driver (whose request is aborted) and is re-read in a batch, so a job that
   * ended during the move is neither lost nor reported twice.
   */
  private void backToEvents(ServerProfile p) {
    listener.channelChanged(p.longPoll() && !longPollFailed ? "long-poll" : pollStrategy.name(), "events", null);
    for (JobWait w : new ArrayList<>(awayFromEvents)) {
      awayFromEvents.remove(w);
      if (!w.isDone()) {
        w.moveChannel();
        if (!dispatcher.watch(w, null)) {
          dispatch(w, p, null);
        }
      }
    }
  }

  private void startLongPollOrPolling(JobWait wait, ServerProfile p, Duration maxWait) {
    if (p.longPoll() && !longPollFailed && p.batchLongPoll() && groups(p, maxWait).join(wait)) {
      return;
    }
    if (p.longPoll() && !longPollFailed) {
      new LongPollDriver(context, wait, p, maxWait, this::longPollFailed).start();
    } else {
      polling(wait, p);
    }
  }

  /** Polls on the client's schedule, merging due polls into batch reads when both sides allow. */
  private void polling(JobWait wait, ServerProfile p) {
    BatchReader merger = null;
    if (pollStrategy.mergesPolls() && p.batch()) {
      synchronized (this) {
        if (pollMerger == null) {
          pollMerger = new BatchReader(context, p, pollStrategy::mergeWindow);
        }
        merger = pollMerger;
      }
    }
    new PollingDriver(context, wait, p, pollStrategy, merger).start();
  }

  /** The client's batch long polls; made at the first wait that uses them. */
  private synchronized LongPollGroups groups(ServerProfile p, Duration maxWait) {
    if (longPollGroups == null) {
      longPollGroups = new LongPollGroups(context, p, maxWait, (waits, cause) -> {
        LoggerFactory.getLogger(ClientRuntime.class)
            .debug("batch long polls failed ({}); {} waits long poll one by one", cause.toString(), waits.size());
        waits.forEach(w -> new LongPollDriver(context, w, p, maxWait, this::longPollFailed).start());
      });
    }
    return longPollGroups;
  }

  private void longPollFailed(JobWait wait, Throwable cause) {
    if (!longPollFailed) {
      longPollFailed = true;
      listener.channelChanged("long-poll", pollStrategy.name(), cause);
    }
    probe.profile(earliest(wait.deadline(), calls.deadline()))
        .thenAccept(p -> polling(wait, p));
  }

  private EventDispatcher dispatcher(ServerProfile p) {
    EventDispatcher h = dispatcher;
    if (h == null) {
      synchronized (this) {
        h = dispatcher;
        if (h == null) {
          h = new EventDispatcher(context, new BatchReader(context, p, () -> BatchReader.EVENTS_WINDOW), eventSources, (waits, cause) -> {
            listener.channelChanged("events", p.longPoll() && !longPollFailed ? "long-poll" : pollStrategy.name(), cause);
            waits.forEach(w -> dispatch(w, p, null));
          }, () -> backToEvents(p));
          dispatcher = h;
        }
      }
    }
    return h;
  }

  /** Returns a snapshot of the metrics. */
  public ClientMetrics metrics() {
    return metrics.snapshot();
  }

  /** Returns the name of the channel in use (the configured strategy's name before the probe). */
  public String strategyName() {
    WaitStrategy s = config.waitStrategy();
    ServerProfile p = probe.known();
    if (s instanceof ScheduleStrategy || p == null) {
      return s.name();
    }
    if (s instanceof LongPollStrategy) {
      return p.longPoll() && !longPollFailed ? s.name() : pollStrategy.name();
    }
    EventDispatcher h = dispatcher;
    if (p.events() && (h == null || !h.failed())) {
      return "events";
    }
    return p.longPoll() && !longPollFailed ? "long-poll" : pollStrategy.name();
  }

  /** Ends every wait with {@link ClientClosedException} and releases what the client holds. */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    EventDispatcher h = dispatcher;
    if (h != null) {
      h.close();
    }
    for (JobWait w : new ArrayList<>(active)) {
      w.fail(new ClientClosedException());
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
    transport.close();
    if (config.learnedDurations() != null && pollStrategy instanceof AdaptiveStrategy adaptive) {
      try {
        adaptive.save(config.learnedDurations());
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
