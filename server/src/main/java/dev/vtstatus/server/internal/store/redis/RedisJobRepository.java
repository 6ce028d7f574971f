package dev.vtstatus.server.internal.store.redis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.server.internal.store.BodyDigest;
import dev.vtstatus.server.internal.store.EventLog;
import dev.vtstatus.server.internal.store.IdempotencyConflictException;
import dev.vtstatus.server.internal.store.JobRecord;
import dev.vtstatus.server.internal.store.JobRepository;
import dev.vtstatus.server.internal.store.Outcome;
import dev.vtstatus.server.internal.store.PendingShareException;
import dev.vtstatus.server.internal.store.StoreFullException;
import dev.vtstatus.server.internal.store.StoreLimits;
import dev.vtstatus.server.internal.store.Transition;
import dev.vtstatus.server.internal.store.redis.RedisCommands.Script;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The jobs of every replica on one Redis, within the store's {@link StoreLimits}: a hash per job,
 * the idempotency keys (scoped by owner, each with a digest of its body), a sorted set of undecided
 * jobs by planned end, a sorted set of ended jobs by end for eviction, each owner's count of
 * pending jobs, the running total of bytes, and the scripts that change them atomically together
 * with the event stream. See docs/SCALING.md for the keys. Thread-safe.
 */
final class RedisJobRepository implements JobRepository {
  private static final int NEWEST_PAGE = 500;

  private final RedisCommands redis;
  private final StoreLimits limits;

  private static final int EVICTIONS_PAGE = 1000;

  private final AtomicInteger retained = new AtomicInteger(1);
  private volatile Consumer<String> evictionListener;
  /** The id of the last entry of the evictions stream read; read and written by one refresh at a time. */
  private volatile String lastEviction = "0-0";
  /** The undecided jobs this replica has read, so that a read of one fetches only its state. */
  private final Map<String, JobRecord> undecided = new ConcurrentHashMap<>();

  RedisJobRepository(RedisCommands redis, StoreLimits limits) {
    this.redis = redis;
    this.limits = limits;
  }

  private Request hmget(String id) {
    Request request = Request.cmd(Command.HMGET).arg(redis.prefix() + "job:" + id);
    for (String field : RedisRecords.FIELDS) {
      request.arg(field);
    }
    return request;
  }

  @Override
  public Future<JobRecord> get(String id) {
    JobRecord known = undecided.get(id);
    if (known == null) {
      return read(id);
    }
    // the record never changes: only whether it is still there and undecided is read
    return redis.send(Request.cmd(Command.HMGET).arg(redis.prefix() + "job:" + id).arg("ost").arg("trace"))
        .compose(state -> {
          if (state.get(0) == null && state.get(1) != null) {
            return Future.succeededFuture(known);
          }
          undecided.remove(id);
          return state.get(1) == null ? Future.succeededFuture() : read(id);
        });
  }

  private Future<JobRecord> read(String id) {
    return redis.send(hmget(id)).map(RedisRecords::read).onSuccess(job -> {
      if (job != null && job.outcome() == null) {
        if (undecided.size() >= limits.maxJobs() + 1) {
          // only reached when ends went unseen by this replica; starting over keeps it bounded
          undecided.clear();
        }
        undecided.put(id, job);
      }
    });
  }

  @Override
  public Future<List<JobRecord>> getAll(List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return redis.batch(ids.stream().map(this::hmget).toList()).map(responses -> {
      List<JobRecord> jobs = new ArrayList<>(responses.size());
      for (Response response : responses) {
        jobs.add(RedisRecords.read(response));
      }
      return jobs;
    });
  }

  @Override
  public Future<JobRecord> defaultJob(LongFunction<JobRecord> factory) {
    // sequence 0 is the default job's in every store; client jobs count from 1
    JobRecord mine = factory.apply(0);
    return redis.eval(Script.DEFAULT, mine.id(), RedisRecords.write(mine), mine.traceId(),
            mine.plannedEnd().toEpochMilli())
        .compose(id -> get(id.toString()));
  }

  @Override
  public Future<Created> create(
      String owner,
      String idempotencyKey,
      JsonNode body,
      LongFunction<JobRecord> factory,
      Function<JobRecord, String> createdEvent) {
    String key = idempotencyKey == null ? "" : JobRecord.scopedKey(owner, idempotencyKey);
    String digest = idempotencyKey == null ? "" : BodyDigest.of(body);
    return redis.eval(Script.RESERVE, key).compose(reserved -> {
      if (reserved.get(0).toString().equals("existing")) {
        return existing(reserved, digest);
      }
      JobRecord job = factory.apply(reserved.get(1).toLong());
      String event = createdEvent.apply(job);
      return redis.eval(Script.CREATE, key, digest, job.id(), RedisRecords.write(job), job.traceId(),
              job.plannedEnd().toEpochMilli(), limits.maxJobs(), event, limits.eventBufferSize(), job.sequence(),
              owner, limits.maxPendingPerOwner(), job.retainedBytes(), EventLog.Event.sizeOf(event),
              limits.memoryBudget(), limits.eventBudget())
          .compose(created -> switch (created.get(0).toString()) {
            case "existing" -> existing(created, digest);
            case "share" -> Future.failedFuture(new PendingShareException(created.get(1).toInteger()));
            case "full" -> Future.failedFuture(created.get(1).toString().equals("jobs")
                ? StoreFullException.jobCap(limits.maxJobs())
                : StoreFullException.memoryBudget(limits.memoryBudget()));
            default -> {
              retained.set(created.get(1).toInteger() + 1);
              List<Evicted> evicted = new ArrayList<>();
              Response gone = created.get(2);
              for (int i = 0; gone != null && i + 1 < gone.size(); i += 2) {
                evicted.add(new Evicted(gone.get(i).toString(), gone.get(i + 1).toString()));
              }
              yield Future.succeededFuture(new Created(job, true, evicted));
            }
          });
    });
  }

  private Future<Created> existing(Response found, String digest) {
    String id = found.get(1).toString();
    if (!digest.equals(String.valueOf(found.get(2)))) {
      return Future.failedFuture(new IdempotencyConflictException(id));
    }
    return get(id).map(job -> new Created(job, false, List.of()));
  }

  @Override
  public Future<Decided> decide(
      String id, Transition transition, Function<JobRecord, String> terminalEvent, Instant leaseUntil) {
    return get(id).compose(job -> {
      if (job == null || !transition.acceptableFor(job)) {
        return Future.succeededFuture(new Decided(job, false));
      }
      Outcome outcome = transition.outcomeFor(job);
      JobRecord decided = job.withOutcome(outcome);
      String target = job.request().callbackUrl() == null ? "" : job.request().callbackUrl().toString();
      String json = terminalEvent.apply(decided);
      return redis.eval(Script.DECIDE, id, outcome.status().wireName(), outcome.at().toString(),
              outcome.errorCode(), outcome.errorMessage(), json, limits.eventBufferSize(), target,
              leaseUntil.toEpochMilli(), job.request().callbackAddress(), EventLog.Event.sizeOf(json),
              limits.eventBudget())
          .compose(result -> switch (result.get(0).toString()) {
            case "won" -> {
              undecided.remove(id);
              yield Future.succeededFuture(
                  new Decided(decided.withOutcome(outcome.withEventId(result.get(1).toLong())), true));
            }
            case "gone" -> Future.succeededFuture(new Decided(null, false));
            default -> get(id).map(now -> new Decided(now, false));
          });
    });
  }

  @Override
  public Future<List<String>> due(Instant now, int limit) {
    return redis.send(Request.cmd(Command.ZRANGE).arg(redis.prefix() + "due").arg("-inf")
            .arg(now.toEpochMilli()).arg("BYSCORE").arg("LIMIT").arg(0).arg(limit))
        .map(ids -> ids.stream().map(Response::toString).toList());
  }

  @Override
  public Future<List<JobRecord>> newest(JobStatus status, Instant now, int limit) {
    return newest(status, now, limit, 0, new ArrayList<>());
  }

  /** Reads pages of the job index, newest first, until {@code limit} jobs match or none are left. */
  private Future<List<JobRecord>> newest(JobStatus status, Instant now, int limit, int from, List<JobRecord> found) {
    int page = Math.max(limit, NEWEST_PAGE);
    return redis.send(Request.cmd(Command.ZRANGE).arg(redis.prefix() + "jobs").arg(from).arg(from + page - 1).arg("REV"))
        .compose(ids -> {
          List<String> page0 = ids.stream().map(Response::toString).toList();
          return getAll(page0).compose(jobs -> {
            for (JobRecord job : jobs) {
              if (job != null && found.size() < limit && (status == null || job.status(now) == status)) {
                found.add(job);
              }
            }
            return found.size() >= limit || page0.size() < page
                ? Future.succeededFuture(found)
                : newest(status, now, limit, from + page, found);
          });
        });
  }

  @Override
  public Future<List<String>> forgetClientJobs() {
    return redis.eval(Script.FORGET).map(ids -> {
      undecided.clear();
      retained.set(1);
      return ids.stream().map(Response::toString).toList();
    });
  }

  /** Starts after the newest eviction there is now, for {@link #refresh()}. */
  Future<Void> start() {
    return redis.send(Request.cmd(Command.XREVRANGE).arg(redis.prefix() + "evictions").arg("+").arg("-")
            .arg("COUNT").arg(1))
        .compose(newest -> {
          lastEviction = newest == null || newest.size() == 0 ? "0-0" : newest.get(0).get(0).toString();
          return refresh();
        });
  }

  /**
   * Reads the number of retained jobs again, for {@link #retained()}, and passes the evictions
   * since the last refresh to the {@link #onEvicted} listener.
   */
  Future<Void> refresh() {
    String since = lastEviction;
    return redis.batch(List.of(Request.cmd(Command.GET).arg(redis.prefix() + "count"),
            Request.cmd(Command.XRANGE).arg(redis.prefix() + "evictions").arg("(" + since).arg("+")
                .arg("COUNT").arg(EVICTIONS_PAGE)))
        .map(answers -> {
          Response count = answers.get(0);
          retained.set((count == null ? 0 : count.toInteger()) + 1);
          Consumer<String> listener = evictionListener;
          for (Response entry : answers.get(1)) {
            lastEviction = entry.get(0).toString();
            if (listener != null) {
              listener.accept(entry.get(1).get(1).toString());
            }
          }
          return null;
        });
  }

  @Override
  public void onEvicted(Consumer<String> listener) {
    evictionListener = listener;
  }

  @Override
  public int retained() {
    return retained.get();
  }
}
