package dev.vtstatus.client.internal;

import dev.vtstatus.client.ClientClosedException;
import dev.vtstatus.client.ClientMetrics;
import dev.vtstatus.client.InvalidResponseException;
import dev.vtstatus.client.VideoTranslationException;
import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.client.WaitTimeoutException;
import dev.vtstatus.client.internal.engine.Answers;
import dev.vtstatus.client.internal.engine.Backoff;
import dev.vtstatus.client.internal.engine.BatchReader;
import dev.vtstatus.client.internal.engine.DeadlineReachedException;
import dev.vtstatus.client.internal.engine.Engine;
import dev.vtstatus.client.internal.engine.EventHub;
import dev.vtstatus.client.internal.engine.EventSource;
import dev.vtstatus.client.internal.engine.JobWait;
import dev.vtstatus.client.internal.engine.LongPollDriver;
import dev.vtstatus.client.internal.engine.PollingDriver;
import dev.vtstatus.client.internal.engine.RateLimiter;
import dev.vtstatus.client.internal.engine.RequestRunner;
import dev.vtstatus.client.internal.engine.Routes;
import dev.vtstatus.client.internal.engine.ServerProfile;
import dev.vtstatus.client.internal.http.JdkTransport;
import dev.vtstatus.client.internal.http.Transport;
import dev.vtstatus.client.internal.observe.AuditRecorder;
import dev.vtstatus.client.internal.observe.ListenerChain;
import dev.vtstatus.client.internal.observe.MetricsRecorder;
import dev.vtstatus.client.internal.observe.MicrometerRecorder;
import dev.vtstatus.client.internal.strategy.AdaptiveStrategy;
import dev.vtstatus.client.internal.strategy.EventsStrategy;
import dev.vtstatus.client.internal.strategy.LongPollStrategy;
import dev.vtstatus.client.internal.strategy.ScheduleStrategy;
import dev.vtstatus.client.internal.trace.OtelTracing;
import dev.vtstatus.client.internal.trace.Tracing;
import dev.vtstatus.client.internal.trace.W3cTracing;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.protocol.TraceParent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine behind {@link dev.vtstatus.client.VideoTranslationClient}: one asynchronous path for
 * every operation, which the synchronous methods join. It probes the server once, picks each
 * wait's channel (events, long poll or a polling schedule) and moves waits to the next channel when
 * one fails. Thread-safe.
 */
public final class ClientCore {
  private static final int CREATED_MEMORY = 50_000;
  /** The most requests (and so connections) the client has on the wire at once. */
  static final int MAX_IN_FLIGHT = 64;

  private final ClientConfig config;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Transport transport;
  private final MetricsRecorder metrics;
  private final WaitListener listener;
  private final Engine engine;
  private final ScheduleStrategy pollStrategy;
  private final EventSource.Factory eventSources;
  private final AtomicReference<CompletableFuture<ServerProfile>> profile = new AtomicReference<>();
  private final Set<JobWait> active = ConcurrentHashMap.newKeySet();
  private final Map<String, Created> created =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Created> eldest) {
              return size() > CREATED_MEMORY;
            }
          });
  private final AtomicBoolean closed = new AtomicBoolean();
  private final java.util.function.Consumer<CompletableFuture<?>> joinObserver;
  private volatile EventHub hub;
  private volatile boolean longPollFailed;

  private record Created(Job job, TraceParent trace, Instant at) {}

  /** Creates the engine with the JDK HTTP client on threads it owns. */
  public ClientCore(ClientConfig config) {
    this(config, null, null, Backoff.defaults(), null);
  }

  /**
   * Creates the engine with the given transport and event sources (null for the real ones), for
   * tests; {@code joinObserver} (may be null) hears of every future a synchronous call is about to
   * block on, so a test driving time by hand knows when the caller is truly waiting.
   */
  public ClientCore(
      ClientConfig config,
      Transport transport,
      EventSource.Factory eventSources,
      Backoff backoff,
      java.util.function.Consumer<CompletableFuture<?>> joinObserver) {
    this.config = config;
    this.joinObserver = joinObserver;
    int number = Threads.nextClientNumber();
    this.ownsScheduler = config.scheduler() == null;
    this.scheduler = ownsScheduler ? Threads.scheduler(number, config.threads()) : config.scheduler();
    this.metrics = new MetricsRecorder(config.clock());
    List<WaitListener> all = new ArrayList<>();
    all.add(metrics);
    if (config.meterRegistry() != null) {
      all.add(new MicrometerRecorder(config.meterRegistry()));
    }
    if (config.auditSink() != null) {
      all.add(new AuditRecorder(config.auditSink(), config.clock()));
    }
    all.addAll(config.listeners());
    this.listener = new ListenerChain(all);
    if (transport == null) {
      Duration connect = config.requestTimeout().compareTo(Duration.ofSeconds(10)) < 0
          ? config.requestTimeout() : Duration.ofSeconds(10);
      JdkTransport jdk = new JdkTransport(
          Threads.http(number, config.threads()), scheduler, connect, config.clock(), MAX_IN_FLIGHT);
      this.transport = jdk;
      this.eventSources = eventSources != null ? eventSources : new JdkEventSources(config, jdk.httpClient(), scheduler, listener);
    } else {
      this.transport = transport;
      this.eventSources = eventSources;
    }
    RateLimiter limiter =
        config.rateLimit() > 0
            ? RateLimiter.of(config.rateLimit(), config.clock(), scheduler, listener)
            : RateLimiter.unlimited();
    RequestRunner runner =
        new RequestRunner(
            this.transport, config.clock(), scheduler, listener, limiter, backoff,
            config.apiKey(), config.maxRetries(), config.requestTimeout(), closed::get);
    Tracing tracing = config.openTelemetry() != null ? new OtelTracing(config.openTelemetry()) : new W3cTracing();
    this.engine = new Engine(config.clock(), scheduler, listener, runner, new Routes(config.baseUrl()), tracing);
    this.pollStrategy =
        config.waitStrategy() instanceof ScheduleStrategy s ? s.forClient() : AdaptiveStrategy.defaults();
  }

  /**
   * Blocks until the future is done: the one place the synchronous methods wait.
   *
   * @throws InterruptedException when the calling thread is interrupted
   * @throws java.util.concurrent.ExecutionException when the operation failed
   */
  public <T> T await(CompletableFuture<T> future)
      throws InterruptedException, java.util.concurrent.ExecutionException {
    if (joinObserver != null) {
      joinObserver.accept(future);
    }
    return future.get();
  }

  /** Returns the configuration. */
  public ClientConfig config() {
    return config;
  }

  /** Returns the learning or scheduling strategy used for polling (the fallback of other channels). */
  public ScheduleStrategy pollStrategy() {
    return pollStrategy;
  }

  // ---- server profile ----

  /** Returns the server's profile, probing {@code /v1/capabilities} once (again after a failure). */
  public CompletableFuture<ServerProfile> profile() {
    if (config.protocol() == dev.vtstatus.client.ProtocolMode.SEED) {
      return CompletableFuture.completedFuture(ServerProfile.SEED);
    }
    while (true) {
      CompletableFuture<ServerProfile> current = profile.get();
      if (current != null && !current.isCompletedExceptionally()) {
        return current;
      }
      CompletableFuture<ServerProfile> mine = new CompletableFuture<>();
      if (profile.compareAndSet(current, mine)) {
        probe().whenComplete((p, e) -> {
          if (e != null) {
            mine.completeExceptionally(unwrap(e));
          } else {
            mine.complete(p);
          }
        });
        return mine;
      }
    }
  }

  private CompletableFuture<ServerProfile> probe() {
    boolean auto = config.protocol() == dev.vtstatus.client.ProtocolMode.AUTO;
    Tracing.OperationTrace trace = engine.tracing().start("vtstatus.capabilities", null, null);
    return engine.runner()
        .run(request("GET", engine.routes().capabilities(), null, Map.of(), null, trace))
        .thenApply(answer -> {
          if (answer.status() == 404) {
            return auto ? ServerProfile.SEED : ServerProfile.V1_PLAIN;
          }
          if (answer.status() / 100 != 2) {
            throw Answers.refusal(answer, null);
          }
          try {
            return ServerProfile.of(Answers.capabilities(answer));
          } catch (InvalidResponseException e) {
            return auto ? ServerProfile.SEED : ServerProfile.V1_PLAIN;
          }
        })
        .whenComplete((p, e) -> trace.end(e == null ? (p.seed() ? "seed" : "v1") : "error", e));
  }

  private RequestRunner.Request request(
      String method, java.net.URI uri, String body, Map<String, String> headers, String jobId, Tracing.OperationTrace trace) {
    return new RequestRunner.Request(
        method, uri, body, headers, jobId, config.clock().instant().plus(config.timeout()), null, trace, new AtomicInteger());
  }

  // ---- single operations ----

  /** Creates a job; see {@link dev.vtstatus.client.VideoTranslationClient#createJob(JobRequest)}. */
  public CompletableFuture<Job> createJob(JobRequest jobRequest) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new ClientClosedException());
    }
    return profile().thenCompose(p -> {
      if (wantsEvents() && p.events()) {
        hub(p).ensureStarted();
      }
      Tracing.OperationTrace trace = engine.tracing().start("vtstatus.create", null, null);
      String body;
      try {
        body = p.seed() ? "{}" : Json.mapper().writeValueAsString(jobRequest);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException("cannot write the job request as JSON: " + e.getOriginalMessage(), e);
      }
      Map<String, String> headers =
          p.seed() ? Map.of() : Map.of(Protocol.IDEMPOTENCY_KEY_HEADER, UUID.randomUUID().toString());
      java.net.URI uri = p.seed() ? engine.routes().seedCreate() : engine.routes().jobs();
      return engine.runner()
          .run(request("POST", uri, body, headers, null, trace))
          .handle((answer, error) -> {
            if (error != null) {
              Throwable cause = unwrap(error);
              trace.end("error", cause);
              if (cause instanceof DeadlineReachedException d) {
                throw new VideoTranslationException(
                    "could not create a job within " + config.timeout().toMillis() + " ms", d.getCause());
              }
              throw asRuntime(cause);
            }
            if (answer.status() / 100 != 2) {
              RuntimeException refusal = Answers.refusal(answer, null);
              trace.end("error", refusal);
              throw refusal;
            }
            Instant now = config.clock().instant();
            Job job = p.seed() ? Answers.seedCreated(answer, now) : Answers.job(answer, null);
            created.put(job.jobId(), new Created(job, trace.traceParent(), now));
            listener.jobCreated(job, trace.traceParent());
            trace.end("created", null);
            return job;
          });
    });
  }

  /** Reads a job once. */
  public CompletableFuture<Job> getStatus(String jobId) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new ClientClosedException());
    }
    return profile().thenCompose(p -> {
      Created c = created.get(jobId);
      Tracing.OperationTrace trace = engine.tracing().start("vtstatus.read", jobId, c == null ? null : c.trace());
      java.net.URI uri = p.seed() ? engine.routes().seedStatus(jobId) : engine.routes().job(jobId);
      return engine.runner()
          .run(request("GET", uri, null, Map.of(), jobId, trace))
          .handle((answer, error) -> {
            if (error != null) {
              Throwable cause = unwrap(error);
              trace.end("error", cause);
              if (cause instanceof DeadlineReachedException) {
                throw new WaitTimeoutException(jobId, config.timeout(), null);
              }
              throw asRuntime(cause);
            }
            if (answer.status() / 100 != 2) {
              RuntimeException refusal = Answers.refusal(answer, jobId);
              trace.end("error", refusal);
              throw refusal;
            }
            Job job = p.seed()
                ? Answers.seedStatus(answer, jobId, c == null ? null : c.at())
                : Answers.job(answer, jobId);
            trace.end(job.status().wireName(), null);
            return job;
          });
    });
  }

  /** Cancels a job. */
  public CompletableFuture<Job> cancel(String jobId) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new ClientClosedException());
    }
    return profile().thenCompose(p -> {
      if (p.seed()) {
        throw new VideoTranslationException("cannot cancel job '" + jobId + "': a seed-protocol server has no cancel");
      }
      Created c = created.get(jobId);
      Tracing.OperationTrace trace = engine.tracing().start("vtstatus.cancel", jobId, c == null ? null : c.trace());
      return engine.runner()
          .run(request("DELETE", engine.routes().job(jobId), null, Map.of(), jobId, trace))
          .handle((answer, error) -> {
            if (error != null) {
              Throwable cause = unwrap(error);
              trace.end("error", cause);
              if (cause instanceof DeadlineReachedException) {
                throw new WaitTimeoutException(jobId, config.timeout(), null);
              }
              throw asRuntime(cause);
            }
            if (answer.status() / 100 != 2 && answer.status() != 409) {
              RuntimeException refusal = Answers.refusal(answer, jobId);
              trace.end("error", refusal);
              throw refusal;
            }
            Job job = Answers.job(answer, jobId);
            trace.end(job.status().wireName(), null);
            return job;
          });
    });
  }

  // ---- waits ----

  /** Waits for one job, at most {@code timeout}. */
  public CompletableFuture<Job> waitFor(String jobId, Duration timeout) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new ClientClosedException());
    }
    Created c = created.get(jobId);
    Tracing.OperationTrace trace = engine.tracing().start("vtstatus.wait", jobId, c == null ? null : c.trace());
    JobWait wait = new JobWait(
        jobId, timeout, config.clock(), listener, pollStrategy, trace,
        c == null ? null : c.job(), c == null ? null : c.at());
    active.add(wait);
    wait.future().whenComplete((job, error) -> {
      active.remove(wait);
      if (error == null) {
        created.remove(jobId);
      }
    });
    wait.start(scheduler);
    profile().whenComplete((p, error) -> {
      if (error != null) {
        wait.fail(unwrap(error));
      } else {
        dispatch(wait, p, c == null ? null : c.at());
      }
    });
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

  /** Waits for many jobs; the map keeps the given order. */
  public CompletableFuture<Map<String, Job>> waitForAll(List<String> jobIds, Duration timeout) {
    List<CompletableFuture<Job>> futures = new ArrayList<>();
    for (String id : jobIds) {
      futures.add(waitFor(id, timeout));
    }
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .handle((ignored, error) -> {
          Map<String, Job> result = new LinkedHashMap<>();
          for (int i = 0; i < futures.size(); i++) {
            CompletableFuture<Job> f = futures.get(i);
            if (f.isCompletedExceptionally()) {
              throw asRuntime(unwrap(f.handle((j, e) -> e).join()));
            }
            result.put(jobIds.get(i), f.join());
          }
          return java.util.Collections.unmodifiableMap(result);
        });
  }

  private boolean wantsEvents() {
    WaitStrategy s = config.waitStrategy();
    return s instanceof EventsStrategy || s instanceof dev.vtstatus.client.internal.strategy.AutoStrategy;
  }

  private void dispatch(JobWait wait, ServerProfile p, Instant createdHereAt) {
    if (wait.isDone()) {
      return;
    }
    WaitStrategy s = config.waitStrategy();
    if (s instanceof ScheduleStrategy || p.seed()) {
      new PollingDriver(engine, wait, p, pollStrategy).start();
      return;
    }
    if (s instanceof LongPollStrategy lp) {
      if (p.longPoll() && !longPollFailed) {
        new LongPollDriver(engine, wait, p, lp.maxWait(), this::longPollFailed).start();
      } else {
        new PollingDriver(engine, wait, p, pollStrategy).start();
      }
      return;
    }
    if (p.events() && hub(p).watch(wait, createdHereAt)) {
      return;
    }
    if (p.longPoll() && !longPollFailed) {
      new LongPollDriver(engine, wait, p, p.maxWait(), this::longPollFailed).start();
      return;
    }
    new PollingDriver(engine, wait, p, pollStrategy).start();
  }

  private void longPollFailed(JobWait wait, Throwable cause) {
    if (!longPollFailed) {
      longPollFailed = true;
      listener.channelChanged("long-poll", pollStrategy.name(), cause);
    }
    profile().thenAccept(p -> new PollingDriver(engine, wait, p, pollStrategy).start());
  }

  private EventHub hub(ServerProfile p) {
    EventHub h = hub;
    if (h == null) {
      synchronized (this) {
        h = hub;
        if (h == null) {
          h = new EventHub(engine, new BatchReader(engine, p), eventSources, (waits, cause) -> {
            listener.channelChanged("events", p.longPoll() && !longPollFailed ? "long-poll" : pollStrategy.name(), cause);
            waits.forEach(w -> dispatch(w, p, null));
          });
          hub = h;
        }
      }
    }
    return h;
  }

  // ---- state ----

  /** Returns a snapshot of the metrics. */
  public ClientMetrics metrics() {
    return metrics.snapshot();
  }

  /** Returns the name of the channel in use (or the configured strategy before the probe). */
  public String strategyName() {
    WaitStrategy s = config.waitStrategy();
    if (s instanceof ScheduleStrategy) {
      return s.name();
    }
    CompletableFuture<ServerProfile> f = config.protocol() == dev.vtstatus.client.ProtocolMode.SEED
        ? CompletableFuture.completedFuture(ServerProfile.SEED) : profile.get();
    if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
      return s.name();
    }
    ServerProfile p = f.join();
    if (s instanceof LongPollStrategy) {
      return p.longPoll() && !longPollFailed ? s.name() : pollStrategy.name();
    }
    EventHub h = hub;
    if (p.events() && (h == null || !h.failed())) {
      return "events";
    }
    if (p.longPoll() && !longPollFailed) {
      return "long-poll";
    }
    return pollStrategy.name();
  }

  /** Ends every wait with {@link ClientClosedException} and releases what the client holds. */
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    EventHub h = hub;
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
    if (config.auditSink() != null) {
      try {
        config.auditSink().close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(ClientCore.class).warn("audit sink failed to close", e);
      }
    }
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static RuntimeException asRuntime(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new VideoTranslationException(String.valueOf(t), t);
  }
}
