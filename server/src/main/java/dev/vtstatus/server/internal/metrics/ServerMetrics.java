package dev.vtstatus.server.internal.metrics;

import dev.vtstatus.protocol.AdminStats;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.server.ServerStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The server's counters: a Prometheus registry for {@code /metrics} (the server's own meters plus
 * Micrometer's JVM and process binders) and the plain counters behind {@link ServerStats}.
 * Thread-safe; {@link #close()} detaches the garbage-collection listener.
 */
public final class ServerMetrics implements AutoCloseable {
  /** Buckets of the request duration histogram: a fast answer to the longest long poll. */
  private static final Duration[] DURATION_BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
    Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
    Duration.ofSeconds(30), Duration.ofSeconds(60)};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private final Map<String, Counter> requestCounters = new ConcurrentHashMap<>();
  private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
  private final LongAdder clientJobsCreated = new LongAdder();
  private final LongAdder totalRequests = new LongAdder();
  private final LongAdder servedRequests = new LongAdder();
  /** The admin counters at the last reset: created, completed, error, canceled, served. */
  private final AtomicReference<long[]> adminBaseline = new AtomicReference<>(new long[5]);
  private final LongAdder createRequests = new LongAdder();
  private final LongAdder statusRequests = new LongAdder();
  private final AtomicInteger parkedLongPolls = new AtomicInteger();
  private final AtomicInteger openEventStreams = new AtomicInteger();
  private final AtomicInteger openConnections = new AtomicInteger();
  private final Counter jobsCreated;
  private final Counter jobsCompleted;
  private final Counter jobsFailed;
  private final Counter jobsCanceled;
  private final Counter jobsEvicted;
  private final Counter webhooksDelivered;
  private final Counter webhookAttemptsFailed;
  private final Counter webhooksAbandoned;

  /** Creates the counters; {@code retainedJobs} is read for the retained-jobs gauge. */
  public ServerMetrics(Supplier<Number> retainedJobs) {
    // promtool flags these two names (a unit abbreviated, a gauge ending in _count); the CPU
    // usage gauges say what they would
    registry.config().meterFilter(MeterFilter.deny(id ->
        id.getName().equals("process.cpu.time") || id.getName().equals("system.cpu.count")));
    jobsCreated = jobCounter("created");
    jobsCompleted = jobCounter("completed");
    jobsFailed = jobCounter("error");
    jobsCanceled = jobCounter("canceled");
    jobsEvicted = Counter.builder("vtstatus.jobs.evicted")
        .description("Terminal jobs dropped to stay within the job cap").register(registry);
    webhooksDelivered = webhookCounter("delivered");
    webhookAttemptsFailed = webhookCounter("attempt_failed");
    webhooksAbandoned = webhookCounter("abandoned");
    Gauge.builder("vtstatus.jobs.retained", retainedJobs).description("Jobs held in memory").register(registry);
    Gauge.builder("vtstatus.long.polls.parked", parkedLongPolls, AtomicInteger::get)
        .description("Long polls waiting right now").register(registry);
    Gauge.builder("vtstatus.event.streams.open", openEventStreams, AtomicInteger::get)
        .description("Event streams open right now").register(registry);
    Gauge.builder("vtstatus.connections.open", openConnections, AtomicInteger::get)
        .description("Client connections open right now").register(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  private Counter webhookCounter(String result) {
    return Counter.builder("vtstatus.webhooks").tag("result", result)
        .description("Webhook deliveries, failed attempts and abandoned deliveries").register(registry);
  }

  private Counter jobCounter(String event) {
    return Counter.builder("vtstatus.jobs").tag("event", event)
        .description("Jobs created and jobs ended, by terminal status").register(registry);
  }

  /** The label of a method outside {@link #KNOWN_METHODS}. */
  public static final String OTHER_METHOD = "other";
  /** The methods counted under their own name; any other token would add a series per request. */
  private static final java.util.Set<String> KNOWN_METHODS =
      java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

  /** Returns the time now on the registry's monotonic clock, to pass to {@link #requestAnswered} later. */
  public long requestStarted() {
    return registry.config().clock().monotonicTime();
  }

  /**
   * Counts an answered request by route template, method and status code, and records how long it
   * took since {@code startedNanos} (from {@link #requestStarted()}). Every label has a bounded set
   * of values: routes are templates or {@code unmatched}, methods outside the standard ones count
   * as {@link #OTHER_METHOD}, statuses are three-digit codes or {@code closed}.
   */
  public void requestAnswered(String route, String rawMethod, String status, long startedNanos) {
    String method = KNOWN_METHODS.contains(rawMethod) ? rawMethod : OTHER_METHOD;
    String key = route + ' ' + method + ' ' + status;
    requestCounters
        .computeIfAbsent(key, k -> Counter.builder("vtstatus.http.requests")
            .tag("route", route).tag("method", method).tag("status", status)
            .description("Answered HTTP requests").register(registry))
        .increment();
    requestTimers
        .computeIfAbsent(key, k -> Timer.builder("vtstatus.http.request.duration")
            .tag("route", route).tag("method", method).tag("status", status)
            .description("Time from a request's arrival to its answer; long polls and streams count the time held")
            .serviceLevelObjectives(DURATION_BUCKETS).register(registry))
        .record(registry.config().clock().monotonicTime() - startedNanos, TimeUnit.NANOSECONDS);
  }

  /** Counts a received request, whatever its route. */
  public void requestReceived() {
    totalRequests.increment();
  }

  /** Counts a request to a service route (not admin, health, metrics, this document or the dashboard). */
  public void serviceRequestReceived() {
    servedRequests.increment();
  }

  /** Counts a create request. */
  public void createRequested() {
    createRequests.increment();
  }

  /** Counts a status request, as {@link ServerStats} defines it. */
  public void statusRequested() {
    statusRequests.increment();
  }

  /** Counts a job created by a client. */
  public void jobCreated() {
    clientJobsCreated.increment();
    jobsCreated.increment();
  }

  /**
   * Counts the default job as created on {@code /metrics}, where its end is counted like any other,
   * so that created minus ended never goes negative; {@link ServerStats} counts client jobs only.
   */
  public void defaultJobCreated() {
    jobsCreated.increment();
  }

  /** Counts a job that ended with {@code status}. */
  public void jobEnded(JobStatus status) {
    switch (status) {
      case COMPLETED -> jobsCompleted.increment();
      case ERROR -> jobsFailed.increment();
      case CANCELED -> jobsCanceled.increment();
      default -> { }
    }
  }

  /** Counts a terminal job evicted to stay within the cap. */
  public void jobEvicted() {
    jobsEvicted.increment();
  }

  /** Counts a delivered webhook. */
  public void webhookDelivered() {
    webhooksDelivered.increment();
  }

  /** Counts a failed webhook attempt. */
  public void webhookAttemptFailed() {
    webhookAttemptsFailed.increment();
  }

  /** Counts a webhook given up on. */
  public void webhookAbandoned() {
    webhooksAbandoned.increment();
  }

  /** Counts a long poll parked; {@link #longPollReleased()} counts it out again. */
  public void longPollParked() {
    parkedLongPolls.incrementAndGet();
  }

  /** Counts a parked long poll answered or abandoned. */
  public void longPollReleased() {
    parkedLongPolls.decrementAndGet();
  }

  /** Counts an event stream opened; {@link #eventStreamClosed()} counts it out again. */
  public void eventStreamOpened() {
    openEventStreams.incrementAndGet();
  }

  /** Counts an event stream closed, by either side. */
  public void eventStreamClosed() {
    openEventStreams.decrementAndGet();
  }

  /**
   * Counts a client connection opened, refused ones included, and returns how many are open now
   * with it; {@link #connectionClosed()} counts it out again.
   */
  public int connectionOpened() {
    return openConnections.incrementAndGet();
  }

  /** Counts a client connection closed. */
  public void connectionClosed() {
    openConnections.decrementAndGet();
  }

  /** Returns the Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Returns the counters of {@code GET /admin/stats}: counted since start or the last {@link
   * #restartAdminCounters()}, with the state now.
   */
  public AdminStats adminStats(int retainedJobs) {
    long[] since = adminBaseline.get();
    long[] now = adminCounters();
    return new AdminStats(now[0] - since[0], now[1] - since[1], now[2] - since[2], now[3] - since[3],
        retainedJobs, now[4] - since[4], parkedLongPolls.get(), openEventStreams.get());
  }

  /** Starts the counters of {@code GET /admin/stats} again from zero; the Prometheus ones go on. */
  public void restartAdminCounters() {
    adminBaseline.set(adminCounters());
  }

  private long[] adminCounters() {
    return new long[] {clientJobsCreated.sum(), (long) jobsCompleted.count(), (long) jobsFailed.count(),
        (long) jobsCanceled.count(), servedRequests.sum()};
  }

  /** Returns a snapshot for {@link ServerStats}. */
  public ServerStats stats(int retainedJobs) {
    return new ServerStats(
        totalRequests.sum(), createRequests.sum(), statusRequests.sum(), clientJobsCreated.sum(),
        (long) jobsEvicted.count(), retainedJobs, parkedLongPolls.get(), openEventStreams.get(),
        openConnections.get());
  }

  /** Detaches the binders that listen to the JVM; the registry stays readable. */
  @Override
  public void close() {
    gcMetrics.close();
  }
}
