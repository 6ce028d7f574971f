package dev.vtstatus.server.internal.store.memory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.server.internal.store.BodyDigest;
import dev.vtstatus.server.internal.store.IdempotencyConflictException;
import dev.vtstatus.server.internal.store.JobRecord;
import dev.vtstatus.server.internal.store.JobRepository;
import dev.vtstatus.server.internal.store.PendingShareException;
import dev.vtstatus.server.internal.store.StoreFullException;
import dev.vtstatus.server.internal.store.StoreLimits;
import dev.vtstatus.server.internal.store.Transition;
import dev.vtstatus.server.internal.store.WebhookQueue;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The jobs of a single server, in its memory, within its {@link StoreLimits}: when a new job
 * would exceed the job cap or the memory budget, the jobs that ended longest ago are evicted
 * first; when only pending jobs are left, the create fails. Each owner may hold at most its share
 * of pending jobs. Idempotency keys are scoped by owner and remembered as a digest of the body.
 * The default job is never evicted and does not count against the limits. Every future is
 * already complete when returned.
 *
 * <p>Thread-safe: reads are lock-free; creates and transitions are serialized on this object, and
 * publish their event while holding it, so events are numbered in the order of the changes.
 */
final class MemoryJobRepository implements JobRepository {
  private record Due(Instant plannedEnd, String id) implements Comparable<Due> {
    @Override
    public int compareTo(Due other) {
      int byEnd = plannedEnd.compareTo(other.plannedEnd);
      return byEnd != 0 ? byEnd : id.compareTo(other.id);
    }
  }

  private record Keyed(String digest, String jobId) {}

  private final StoreLimits limits;
  private final MemoryEventLog events;
  private final MemoryBudget budget;
  private final MemoryWebhookQueue webhooks;
  private final NavigableSet<Due> undecided = new ConcurrentSkipListSet<>();
  private final Map<String, JobRecord> jobs = new ConcurrentHashMap<>();
  private final Map<String, Keyed> byIdempotencyKey = new ConcurrentHashMap<>();
  private final Map<String, Integer> pendingByOwner = new HashMap<>();
  private final Queue<String> endedInOrder = new ArrayDeque<>();
  private String defaultJobId;
  private long sequence;
  private int clientJobs;
  private long endedBytes;

  MemoryJobRepository(StoreLimits limits, MemoryEventLog events, MemoryBudget budget, MemoryWebhookQueue webhooks) {
    this.limits = limits;
    this.events = events;
    this.budget = budget;
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
      String owner,
      String idempotencyKey,
      JsonNode body,
      LongFunction<JobRecord> factory,
      Function<JobRecord, String> createdEvent) {
    // drawn before the checks, but the sequence number is spent only on a job that is kept
    JobRecord job = factory.apply(sequence);
    String scopedKey = JobRecord.scopedKey(owner, idempotencyKey);
    String digest = scopedKey == null ? null : BodyDigest.of(body);
    if (scopedKey != null) {
      Keyed keyed = byIdempotencyKey.get(scopedKey);
      if (keyed != null) {
        if (!keyed.digest.equals(digest)) {
          return Future.failedFuture(new IdempotencyConflictException(keyed.jobId));
        }
        return Future.succeededFuture(new Created(jobs.get(keyed.jobId), false, List.of()));
      }
    }
    int pending = owner == null ? 0 : pendingByOwner.getOrDefault(owner, 0);
    if (owner != null && pending >= limits.maxPendingPerOwner()) {
      return Future.failedFuture(new PendingShareException(pending));
    }
    long size = job.retainedBytes();
    // refuse before evicting anything when even evicting every ended job would not make room
    boolean noRoom = clientJobs - endedInOrder.size() >= limits.maxJobs();
    if (noRoom || !budget.fits(size - endedBytes)) {
      return Future.failedFuture(noRoom
          ? StoreFullException.jobCap(limits.maxJobs()) : StoreFullException.memoryBudget(limits.memoryBudget()));
    }
    List<Evicted> evicted = List.of();
    while ((clientJobs >= limits.maxJobs() || !budget.fits(size)) && !endedInOrder.isEmpty()) {
      JobRecord oldest = remove(endedInOrder.remove());
      if (evicted.isEmpty()) {
        evicted = new ArrayList<>(1);
      }
      evicted.add(new Evicted(oldest.id(), oldest.traceId()));
    }
    sequence++;
    jobs.put(job.id(), job);
    undecided.add(new Due(job.plannedEnd(), job.id()));
    clientJobs++;
    budget.add(size);
    if (owner != null) {
      pendingByOwner.merge(owner, 1, Integer::sum);
    }
    if (scopedKey != null) {
      byIdempotencyKey.put(scopedKey, new Keyed(digest, job.id()));
    }
    events.publish(job, JobStatus.PENDING, createdEvent.apply(job));
    return Future.succeededFuture(new Created(job, true, evicted));
  }

  private JobRecord remove(String id) {
    JobRecord job = jobs.remove(id);
    webhooks.done(id);
    clientJobs--;
    long size = job.retainedBytes();
    if (job.idempotencyKey() != null) {
      byIdempotencyKey.remove(JobRecord.scopedKey(job.owner(), job.idempotencyKey()));
    }
    budget.add(-size);
    endedBytes -= size;
    return job;
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
      endedBytes += job.retainedBytes();
      if (job.owner() != null) {
        pendingByOwner.computeIfPresent(job.owner(), (owner, n) -> n <= 1 ? null : n - 1);
      }
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
    for (String id : forgotten) {
      JobRecord job = jobs.remove(id);
      budget.add(-job.retainedBytes());
    }
    forgotten.forEach(webhooks::done);
    undecided.removeIf(due -> !due.id().equals(defaultJobId));
    byIdempotencyKey.clear();
    endedInOrder.clear();
    pendingByOwner.clear();
    endedBytes = 0;
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
