package dev.vtstatus.server.internal.metrics;

import dev.vtstatus.protocol.AdminStats;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.server.ServerStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The server's counters: a Prometheus registry for {@code /metrics} and the plain counters behind
 * {@link ServerStats}. Thread-safe.
 */
public final class ServerMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> requestCounters = new ConcurrentHashMap<>();
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
    jobsCreated = jobCounter("created");
    jobsCompleted = jobCounter("completed");
    jobsFailed = jobCounter("error");
    jobsCanceled = jobCounter("canceled");
    jobsEvicted = Counter.builder("vtstatus.jobs.evicted")
        .description("Terminal jobs dropped to stay within the job cap").register(registry);
    webhooksDelivered = Counter.builder("vtstatus.webhooks").tag("result", "delivered").register(registry);
    webhookAttemptsFailed = Counter.builder("vtstatus.webhooks").tag("result", "attempt_failed").register(registry);
    webhooksAbandoned = Counter.builder("vtstatus.webhooks").tag("result", "abandoned").register(registry);
    Gauge.builder("vtstatus.jobs.retained", retainedJobs).description("Jobs held in memory").register(registry);
    Gauge.builder("vtstatus.long.polls.parked", parkedLongPolls, AtomicInteger::get)
        .description("Long polls waiting right now").register(registry);
    Gauge.builder("vtstatus.event.streams.open", openEventStreams, AtomicInteger::get)
        .description("Event streams open right now").register(registry);
    Gauge.builder("vtstatus.connections.open", openConnections, AtomicInteger::get)
        .description("Client connections open right now").register(registry);
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

  /**
   * Counts an answered request by route template, method and status code. Every label has a
   * bounded set of values: routes are templates or {@code unmatched}, methods outside the standard
   * ones count as {@link #OTHER_METHOD}, statuses are three-digit codes or {@code closed}.
   */
  public void request(String route, String rawMethod, String status) {
    String method = KNOWN_METHODS.contains(rawMethod) ? rawMethod : OTHER_METHOD;
    String key = route + ' ' + method + ' ' + status;
    requestCounters
        .computeIfAbsent(key, k -> Counter.builder("vtstatus.http.requests")
            .tag("route", route).tag("method", method).tag("status", status)
            .description("Answered HTTP requests").register(registry))
        .increment();
  }

  /** Counts a received request. */
  public void received() {
    totalRequests.increment();
  }

  /** Counts a request to a service route (not admin, health, metrics, this document or the dashboard). */
  public void served() {
    servedRequests.increment();
  }

  /** Counts a create request. */
  public void createRequest() {
    createRequests.increment();
  }

  /** Counts a status request, as {@link ServerStats} defines it. */
  public void statusRequest() {
    statusRequests.increment();
  }

  /** Counts a job created by a client. */
  public void jobCreated() {
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

  /** Returns the number of long polls parked now, for its owners to change. */
  public AtomicInteger parkedLongPolls() {
    return parkedLongPolls;
  }

  /** Returns the number of event streams open now, for its owners to change. */
  public AtomicInteger openEventStreams() {
    return openEventStreams;
  }

  /** Returns the gauge of client connections open now. */
  public AtomicInteger openConnections() {
    return openConnections;
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
    return new long[] {(long) jobsCreated.count(), (long) jobsCompleted.count(), (long) jobsFailed.count(),
        (long) jobsCanceled.count(), servedRequests.sum()};
  }

  /** Returns a snapshot for {@link ServerStats}. */
  public ServerStats stats(int retainedJobs) {
    return new ServerStats(
        totalRequests.sum(), createRequests.sum(), statusRequests.sum(), (long) jobsCreated.count(),
        (long) jobsEvicted.count(), retainedJobs, parkedLongPolls.get(), openEventStreams.get(),
        openConnections.get());
  }
}
