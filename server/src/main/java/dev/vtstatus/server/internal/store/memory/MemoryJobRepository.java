package dev.vtstatus.server.internal.store.memory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.server.internal.store.IdempotencyConflictException;
import dev.vtstatus.server.internal.store.JobRecord;
import dev.vtstatus.server.internal.store.JobRepository;
import dev.vtstatus.server.internal.store.StoreFullException;
import dev.vtstatus.server.internal.store.Transition;
import dev.vtstatus.server.internal.store.WebhookQueue;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The jobs of a single server, in its memory, within a cap: when a new job would exceed {@code
 * maxJobs}, the jobs that ended longest ago are evicted first. The default job is never evicted and
 * does not count against the cap. Every future is already complete when returned.
 *
 * <p>Thread-safe: reads are lock-free; creates and transitions are serialized on this object, and
 * publish their event while holding it, so events are numbered in the order of the changes.
 */
final class MemoryJobRepository implements JobRepository {
  private record Keyed(JsonNode body, String jobId) {}

  private record Due(Instant plannedEnd, String id) implements Comparable<Due> {
    @Override
    public int compareTo(Due other) {
      int byEnd = plannedEnd.compareTo(other.plannedEnd);
      return byEnd != 0 ? byEnd : id.compareTo(other.id);
    }
  }

  private final int maxJobs;
  private final MemoryEventLog events;
  private final MemoryWebhookQueue webhooks;
  private final NavigableSet<Due> undecided = new ConcurrentSkipListSet<>();
  private final Map<String, JobRecord> jobs = new ConcurrentHashMap<>();
  private final Map<String, Keyed> byIdempotencyKey = new ConcurrentHashMap<>();
  private final Queue<String> endedInOrder = new ArrayDeque<>();
  private String defaultJobId;
  private long sequence;
  private int clientJobs;

  MemoryJobRepository(int maxJobs, MemoryEventLog events, MemoryWebhookQueue webhooks) {
    this.maxJobs = maxJobs;
    this.events = events;
    this.webhooks = webhooks;
  }

  @Override
  public Future<JobRecord> get(String id) {
    return Future.succeededFuture(jobs.get(id));
  }

  @Override
  public Future<List<JobRecord>> getAll(List<String> ids) {
    List<JobRecord> found = new ArrayList<>(ids.size());
    for (String id : ids) {
      found.add(jobs.get(id));
    }
    return Future.succeededFuture(found);
  }

  @Override
  public synchronized Future<JobRecord> defaultJob(LongFunction<JobRecord> factory) {
    if (defaultJobId == null) {
      JobRecord job = factory.apply(sequence++);
      jobs.put(job.id(), job);
      undecided.add(new Due(job.plannedEnd(), job.id()));
      defaultJobId = job.id();
    }
    return Future.succeededFuture(jobs.get(defaultJobId));
  }

  @Override
  public synchronized Future<Created> create(
      String idempotencyKey,
      JsonNode body,
      LongFunction<JobRecord> factory,
      Function<JobRecord, String> createdEvent) {
    if (idempotencyKey != null) {
      Keyed keyed = byIdempotencyKey.get(idempotencyKey);
      if (keyed != null) {
        if (!keyed.body.equals(body)) {
          return Future.failedFuture(new IdempotencyConflictException(keyed.jobId));
        }
        return Future.succeededFuture(new Created(jobs.get(keyed.jobId), false, List.of()));
      }
    }
    if (clientJobs >= maxJobs && endedInOrder.isEmpty()) {
      return Future.failedFuture(new StoreFullException(
          "the server holds its maximum of " + maxJobs + " jobs and none has ended yet"));
    }
    List<Evicted> evicted = List.of();
    while (clientJobs >= maxJobs) {
      JobRecord oldest = jobs.remove(endedInOrder.remove());
      webhooks.done(oldest.id());
      clientJobs--;
      if (oldest.idempotencyKey() != null) {
        byIdempotencyKey.remove(oldest.idempotencyKey());
      }
      if (evicted.isEmpty()) {
        evicted = new ArrayList<>(1);
      }
      evicted.add(new Evicted(oldest.id(), oldest.traceId()));
    }
    JobRecord job = factory.apply(sequence++);
    jobs.put(job.id(), job);
    undecided.add(new Due(job.plannedEnd(), job.id()));
    clientJobs++;
    if (idempotencyKey != null) {
      byIdempotencyKey.put(idempotencyKey, new Keyed(body, job.id()));
    }
    events.publish(job, JobStatus.PENDING, createdEvent.apply(job));
    return Future.succeededFuture(new Created(job, true, evicted));
  }

  @Override
  public synchronized Future<Decided> decide(
      String id, Transition transition, Function<JobRecord, String> terminalEvent, Instant leaseUntil) {
    JobRecord job = jobs.get(id);
    if (job == null || !transition.acceptableFor(job)) {
      return Future.succeededFuture(new Decided(job, false));
    }
    JobRecord decided = job.withOutcome(transition.outcomeFor(job));
    String json = terminalEvent.apply(decided);
    long eventId = events.publish(decided, decided.outcome().status(), json);
    decided = decided.withOutcome(decided.outcome().withEventId(eventId));
    jobs.put(id, decided);
    undecided.remove(new Due(job.plannedEnd(), id));
    if (job.request().callbackUrl() != null) {
      webhooks.add(new WebhookQueue.Delivery(id, job.traceId(), job.request().callbackUrl(),
          job.request().callbackAddress(), json, 1), leaseUntil);
    }
    if (!id.equals(defaultJobId)) {
      endedInOrder.add(id);
    }
    return Future.succeededFuture(new Decided(decided, true));
  }

  @Override
  public Future<List<JobRecord>> newest(JobStatus status, Instant now, int limit) {
    return Future.succeededFuture(jobs.values().stream()
        .filter(job -> status == null || job.status(now) == status)
        .sorted(Comparator.comparingLong(JobRecord::sequence).reversed())
        .limit(limit)
        .toList());
  }

  @Override
  public synchronized Future<List<String>> forgetClientJobs() {
    List<String> forgotten = new ArrayList<>(jobs.size());
    for (String id : jobs.keySet()) {
      if (!id.equals(defaultJobId)) {
        forgotten.add(id);
      }
    }
    forgotten.forEach(jobs::remove);
    forgotten.forEach(webhooks::done);
    undecided.removeIf(due -> !due.id().equals(defaultJobId));
    byIdempotencyKey.clear();
    endedInOrder.clear();
    clientJobs = 0;
    return Future.succeededFuture(forgotten);
  }

  @Override
  public Future<List<String>> due(Instant now, int limit) {
    List<String> ids = new ArrayList<>();
    for (Due due : undecided) {
      if (ids.size() >= limit || due.plannedEnd().isAfter(now)) {
        break;
      }
      ids.add(due.id());
    }
    return Future.succeededFuture(ids);
  }

  @Override
  public int retained() {
    return jobs.size();
  }
}
