package dev.vtstatus.server.internal.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import dev.vtstatus.server.internal.push.Waiters;
import dev.vtstatus.server.internal.store.CreateRequest;
import dev.vtstatus.server.internal.store.EventLog;
import dev.vtstatus.server.internal.store.JobRecord;
import dev.vtstatus.server.internal.store.JobRepository;
import dev.vtstatus.server.internal.store.Outcome;
import dev.vtstatus.server.internal.store.Store;
import dev.vtstatus.server.internal.store.Transition;
import dev.vtstatus.server.internal.trace.ServerTracing;
import dev.vtstatus.server.internal.store.WebhookQueue;
import dev.vtstatus.server.internal.webhook.WebhookSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's view of the simulated backend: creates jobs through the store, ends them at their
 * planned end with one timer per job this replica watches, and answers reads, serving ended jobs
 * from its own cache. The store decides each end once; the replica whose proposal won logs it,
 * counts it and sends the webhook, and every replica learns of it from the event log, waking its
 * parked requests. Thread-safe; never blocks.
 */
public final class SimulatedBackend {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedBackend.class);

  /** The result of a cancel or a forced end: the job as it is now, and whether this decided its end. */
  public record Decision(JobView job, boolean won) {}

  private final Scheduler scheduler;
  private final Clock clock;
  private final JobPlanner planner;
  private final JobRenderer renderer;
  private final Store store;
  private final JobRepository jobs;
  private final ServerMetrics metrics;
  private final ServerTracing tracing;
  private final WebhookSender webhooks;
  private final EndedJobs ended;
  private final Waiters waiters = new Waiters();
  private final EndTimers endTimers;
  private final Sweeper sweeper;
  private final Consumer<EventLog.Event> onEvent = this::onEvent;
  private volatile String defaultJobId;

  /** Creates the backend of one replica on {@code store} with Vert.x timers; {@link #start()} makes it serve. */
  public SimulatedBackend(Vertx vertx, ServerConfig config, ServerMetrics metrics, ServerTracing tracing, Store store,
      String webhookSecret) {
    this(vertx, Scheduler.on(vertx), config, metrics, tracing, store, webhookSecret);
  }

  /** Creates the backend of one replica on {@code store}, setting its timers with {@code scheduler}. */
  public SimulatedBackend(Vertx vertx, Scheduler scheduler, ServerConfig config, ServerMetrics metrics,
      ServerTracing tracing, Store store, String webhookSecret) {
    this.scheduler = scheduler;
    this.clock = config.clock();
    this.planner = new JobPlanner(config);
    this.renderer = new JobRenderer(config);
    this.store = store;
    this.jobs = store.jobs();
    this.metrics = metrics;
    this.tracing = tracing;
    this.webhooks = new WebhookSender(vertx, scheduler, store.webhooks(), this::retryDue,
        webhookSecret, metrics, clock, config.webhooks().timeout());
    this.sweeper = new Sweeper(scheduler, clock, store, webhooks, id -> decide(id, Transition.plannedEnd()));
    this.endTimers = new EndTimers(scheduler, clock, id -> decide(id, Transition.plannedEnd()));
    this.ended = new EndedJobs(config.limits().maxJobs() + 1, EndedJobs.MAX_BYTES);
  }

  /** Starts following the event log and finds (or creates) the default job served by {@code GET /status}. */
  public Future<Void> start() {
    store.events().subscribe(onEvent);
    jobs.onEvicted(id -> {
      ended.remove(id);
      renderer.forget(id);
    });
    return jobs.defaultJob(seq -> newRecord(seq, CreateRequest.EMPTY, Traces.newTraceId(), null, 0, null))
        .map(job -> {
          defaultJobId = job.id();
          // build the JSON serializers now, so that the first answers are not slowed by it
          renderer.render(job, now());
          renderer.terminalJson(job, Outcome.of(job.plannedOutcome(), job.plannedEnd()));
          JobLog.info(LOG, job.id(), job.traceId(),
              "job created job_id={} trace_id={} status=pending default=true", job.id(), job.traceId());
          metrics.defaultJobCreated();
          watchEnd(job.id(), job.plannedEnd());
          sweeper.start();
          return null;
        });
  }

  /**
   * Creates a job, or finds the earlier one made with the same idempotency key and body; fails as
   * {@link JobRepository#create} does. The job belongs to {@code owner} (null when tenants are not
   * in use), and its idempotency key is scoped by it.
   */
  public Future<JobRepository.Created> create(CreateRequest request, JsonNode body, int bodyBytes,
      String idempotencyKey, String traceId, String owner) {
    return jobs.create(owner, idempotencyKey, body,
            seq -> newRecord(seq, request, traceId, idempotencyKey, bodyBytes, owner),
            job -> renderer.render(job, now()).text())
        .onSuccess(added -> {
          for (JobRepository.Evicted evicted : added.evicted()) {
            ended.remove(evicted.id());
            renderer.forget(evicted.id());
            metrics.jobEvicted();
            JobLog.info(LOG, evicted.id(), evicted.traceId(),
                "job evicted job_id={} trace_id={}", evicted.id(), evicted.traceId());
          }
          if (added.created()) {
            JobRecord job = added.job();
            metrics.jobCreated();
            JobLog.info(LOG, job.id(), job.traceId(),
                "job created job_id={} trace_id={} status=pending planned_duration_ms={}",
                job.id(), job.traceId(), job.plannedEnd().toEpochMilli() - job.createdAt().toEpochMilli());
            watchEnd(job.id(), job.plannedEnd());
          }
        });
  }

  /** Returns the job as the wire shows it now, or null when it is unknown. */
  public Future<JobView> view(String id) {
    JobView cached = ended.get(id);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return jobs.get(id).compose(this::present);
  }

  /** Returns the jobs as the wire shows them now, in order, with null for each unknown one. */
  public Future<List<JobView>> viewAll(List<String> ids) {
    Map<String, JobView> known = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      JobView cached = ended.get(id);
      if (cached != null) {
        known.put(id, cached);
      } else {
        missing.add(id);
      }
    }
    if (missing.isEmpty()) {
      return Future.succeededFuture(ids.stream().map(known::get).toList());
    }
    return jobs.getAll(missing).compose(this::presentAll).map(views -> {
      for (int i = 0; i < missing.size(); i++) {
        known.put(missing.get(i), views.get(i));
      }
      return ids.stream().map(known::get).toList();
    });
  }

  /** Returns the default job as the wire shows it now. */
  public Future<JobView> defaultView() {
    return view(defaultJobId);
  }

  /** Cancels a pending job; {@code won} is false when it had already ended. Null job when unknown. */
  public Future<Decision> cancel(String id) {
    return end(id, Transition.cancel(now()));
  }

  /**
   * Ends a pending job now with {@code status} ({@code completed} or {@code error}; code and
   * message may be null for the defaults), competing with its planned end and a cancel like any
   * transition; {@code won} is false when it had already ended. Null job when unknown.
   */
  public Future<Decision> force(String id, JobStatus status, String errorCode, String errorMessage) {
    return end(id, Transition.forced(status, now(), errorCode, errorMessage));
  }

  private Future<Decision> end(String id, Transition transition) {
    return decide(id, transition)
        .compose(decided -> present(decided.job()).map(view -> new Decision(view, decided.won())));
  }

  /** Returns up to {@code limit} held jobs as shown now, newest first; only those in {@code status} when not null. */
  public Future<List<JobView>> newest(JobStatus status, int limit) {
    return jobs.newest(status, now(), limit).compose(this::presentAll);
  }

  /** Settles each record, in order; nulls stay null. */
  private Future<List<JobView>> presentAll(List<JobRecord> records) {
    List<Future<JobView>> settled = new ArrayList<>(records.size());
    for (JobRecord record : records) {
      settled.add(present(record));
    }
    return Future.all(settled).map(all -> {
      List<JobView> views = new ArrayList<>(records.size());
      for (int i = 0; i < records.size(); i++) {
        views.add(all.resultAt(i));
      }
      return views;
    });
  }

  /**
   * Forgets every client job: in the store, and on this replica their end timers, cached views and
   * parked long polls (answered with the job's last state). Returns how many were forgotten.
   */
  public Future<Integer> forgetClientJobs() {
    return jobs.forgetClientJobs().map(forgotten -> {
      for (String id : forgotten) {
        endTimers.cancel(id);
        ended.remove(id);
        renderer.forget(id);
        waiters.wake(id);
      }
      LOG.info("jobs forgotten by an admin reset count={}", forgotten.size());
      return forgotten.size();
    });
  }

  /** Returns the scheduler every timer of this replica is set with. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** Returns the parked requests of this replica, by job. */
  public Waiters waiters() {
    return waiters;
  }

  /** Returns whether this replica knows that the job has ended (so a waiter parked now would not be woken). */
  public boolean endedHere(String id) {
    return ended.get(id) != null;
  }

  /** Makes this replica end the job at its planned end too, so its parked requests never wait on another replica. */
  public void watchEnd(String id, Instant plannedEnd) {
    endTimers.watch(id, plannedEnd);
  }

  /** Returns, per id, the planned end of a pending job {@code tenant} may see, else null; renders no job. */
  public Future<List<Instant>> pendingEnds(List<String> ids, String tenant) {
    return jobs.getAll(ids).map(records -> records.stream().map(r -> r == null || r.outcome(now()) != null
        || !JobView.visibleTo(r.owner(), tenant) ? null : r.plannedEnd()).toList());
  }

  /**
   * Returns the stored job as the wire shows it now (null for null); a read at or past the planned
   * end of an undecided job decides it first, so that no later cancel can flap it.
   */
  public Future<JobView> present(JobRecord job) {
    if (job == null) {
      return Future.succeededFuture();
    }
    if (job.outcome() == null && job.outcome(now()) != null) {
      return decide(job.id(), Transition.plannedEnd()).map(decided -> viewOf(decided.job()));
    }
    return Future.succeededFuture(viewOf(job));
  }

  private JobView viewOf(JobRecord job) {
    if (job == null) {
      return null;
    }
    JobRenderer.Rendered rendered = renderer.render(job, now());
    Outcome outcome = job.outcome();
    JobView view = new JobView(job.id(), job.traceId(), job.plannedEnd(), rendered,
        outcome == null ? 0 : outcome.eventId(), job.owner());
    if (outcome != null) {
      ended.put(view);
    }
    return view;
  }

  private Future<JobRepository.Decided> decide(String id, Transition transition) {
    return jobs.decide(id, transition,
            job -> new String(renderer.terminalJson(job, job.outcome()), StandardCharsets.UTF_8),
            now().plus(webhooks.lease()))
        .onSuccess(decided -> {
          if (decided.won()) {
            announce(decided.job());
          }
        });
  }

  /** What only the replica whose transition won does: log, count, make the webhook's first attempt. */
  private void announce(JobRecord job) {
    Outcome outcome = job.outcome();
    JobLog.info(LOG, job.id(), job.traceId(), "job ended job_id={} trace_id={} status={} completed_at={}",
        job.id(), job.traceId(), outcome.status().wireName(), outcome.at());
    metrics.jobEnded(outcome.status());
    if (job.request().callbackUrl() != null) {
      String json = new String(renderer.terminalJson(job, outcome), StandardCharsets.UTF_8);
      webhooks.send(new WebhookQueue.Delivery(job.id(), job.traceId(), job.request().callbackUrl(),
          job.request().callbackAddress(), json, 1));
    }
  }

  private void retryDue() {
    sweeper.webhooks();
  }

  /** What every replica does on a terminal event: cache the job, stop its timer, wake its waiters. */
  private void onEvent(EventLog.Event event) {
    if (!event.terminal()) {
      return;
    }
    String id = event.jobId();
    endTimers.cancel(id);
    renderer.forget(id);
    tracing.jobEnded(id, event.status().wireName(), () -> JobRenderer.completedAt(event.data()));
    ended.put(new JobView(id, event.traceId(), null,
        new JobRenderer.Rendered(event.status(), -1, event.data().getBytes(StandardCharsets.UTF_8)), event.id(), event.owner()));
    waiters.wake(id);
  }

  private JobRecord newRecord(
      long seq, CreateRequest request, String traceId, String idempotencyKey, int bodyBytes, String owner) {
    JobPlanner.Plan plan = planner.plan(seq, request.duration(), request.outcome());
    Instant created = now();
    return new JobRecord(UUID.randomUUID().toString(), seq, created, created.plus(plan.duration()),
        plan.outcome(), request, traceId, idempotencyKey, owner, JobRecord.sizeOf(bodyBytes), null);
  }

  /** Returns the time now, from the configured clock. */
  public Instant now() {
    return clock.instant();
  }

  /** Returns the seed in use. */
  public long seed() {
    return planner.seed();
  }

  /** Stops following the event log and stops webhook deliveries; the store stays open. */
  public void close() {
    sweeper.stop();
    store.events().unsubscribe(onEvent);
    endTimers.cancelAll();
    webhooks.close();
  }
}
