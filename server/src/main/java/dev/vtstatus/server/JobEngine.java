package dev.vtstatus.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated backend shared by every event loop: creates jobs, ends them with one Vert.x timer
 * per job at its planned end, and on each transition logs one line, counts it, publishes the
 * event, wakes parked long polls and sends the webhook. Thread-safe; never blocks.
 */
final class JobEngine {
  private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);

  private final Vertx vertx;
  private final Clock clock;
  private final JobPlanner planner;
  private final JobRenderer renderer;
  private final JobStore store;
  private final EventHub hub;
  private final ServerMetrics metrics;
  private final WebhookSender webhooks;
  private final AtomicLong sequence = new AtomicLong();

  JobEngine(Vertx vertx, ServerConfig config, ServerMetrics metrics, JobStore store, String webhookSecret) {
    this.vertx = vertx;
    this.clock = config.clock();
    this.planner = new JobPlanner(config);
    this.renderer = new JobRenderer(config);
    this.store = store;
    this.hub = new EventHub(config.eventBufferSize());
    this.metrics = metrics;
    this.webhooks = new WebhookSender(vertx, webhookSecret, metrics, clock);
  }

  /** Creates the default job served by {@code GET /status}, with the configured delay. */
  void createDefaultJob() {
    SimulatedJob job = newJob(CreateRequest.EMPTY, Traces.newTraceId(), null);
    store.putDefault(job);
    // build the JSON serializers now, so that the first terminal answer is not slowed by it
    renderer.render(job, job.createdAt);
    json(JobRenderer.terminalView(job, new SimulatedJob.Outcome(job.plannedOutcome, job.plannedEnd)));
    LOG.info("job created job_id={} trace_id={} status=pending default=true", job.id, job.traceId);
    scheduleEnd(job);
  }

  /**
   * Creates a job, or finds the earlier one made with the same idempotency key and body.
   *
   * @throws JobStore.ConflictException when the key was used with another body
   * @throws JobStore.FullException when the job cap is reached and no job has ended
   */
  JobStore.Added create(CreateRequest request, JsonNode body, String idempotencyKey, String traceId) {
    JobStore.Added added = store.add(idempotencyKey, body, () -> newJob(request, traceId, idempotencyKey));
    for (SimulatedJob evicted : added.evicted()) {
      metrics.jobEvicted();
      LOG.info("job evicted job_id={} trace_id={}", evicted.id, evicted.traceId);
    }
    if (added.created()) {
      SimulatedJob job = added.job();
      metrics.jobCreated();
      LOG.info("job created job_id={} trace_id={} status=pending planned_duration_ms={}",
          job.id, job.traceId, job.plannedEnd.toEpochMilli() - job.createdAt.toEpochMilli());
      hub.publish(job, renderer.render(job, now()).text(), false);
      scheduleEnd(job);
    }
    return added;
  }

  /**
   * Cancels a pending job and stops its end timer, so that nothing holds the job until its planned
   * end; false when it had already ended.
   */
  boolean cancel(SimulatedJob job) {
    if (!job.cancel(now())) {
      return false;
    }
    vertx.cancelTimer(job.endTimer());
    announce(job);
    return true;
  }

  private SimulatedJob newJob(CreateRequest request, String traceId, String idempotencyKey) {
    long seq = sequence.getAndIncrement();
    JobPlanner.Plan plan = planner.plan(seq, request.duration(), request.outcome());
    Instant created = now();
    return new SimulatedJob(UUID.randomUUID().toString(), seq, created, created.plus(plan.duration()),
        plan.outcome(), request, traceId, idempotencyKey);
  }

  private void scheduleEnd(SimulatedJob job) {
    long delay = job.plannedEnd.toEpochMilli() - now().toEpochMilli();
    long timer = vertx.setTimer(Math.max(1, delay), id -> {
      if (job.status(now()) == JobStatus.PENDING) {
        // a timer may fire a little before the clock reaches the planned end
        scheduleEnd(job);
      } else {
        announce(job);
      }
    });
    job.endTimer(timer);
    if (job.isCanceled()) {
      // a cancel on another event loop may have read the previous timer id
      vertx.cancelTimer(timer);
    }
  }

  private void announce(SimulatedJob job) {
    List<SimulatedJob.Waiter> waiters = job.announce();
    if (waiters == null) {
      return;
    }
    Instant now = now();
    JobRenderer.Rendered view = renderer.render(job, now);
    LOG.info("job ended job_id={} trace_id={} status={} completed_at={}",
        job.id, job.traceId, view.status().wireName(), job.completedAt(now));
    metrics.jobEnded(view.status());
    String json = view.text();
    hub.publish(job, json, true);
    for (SimulatedJob.Waiter waiter : waiters) {
      waiter.wake();
    }
    store.ended(job);
    if (job.request.callbackUrl() != null) {
      webhooks.send(job, job.request.callbackUrl(), json);
    }
  }

  /** Returns the job as the wire shows it now. */
  JobRenderer.Rendered view(SimulatedJob job) {
    return renderer.render(job, now());
  }

  Instant now() {
    return clock.instant();
  }

  JobStore store() {
    return store;
  }

  EventHub hub() {
    return hub;
  }

  long seed() {
    return planner.seed();
  }

  /** Stops webhook deliveries. */
  void close() {
    webhooks.close();
  }

  static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
