package dev.vtstatus.server.internal.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.server.internal.store.IdempotencyConflictException;
import dev.vtstatus.server.internal.store.JobRecord;
import dev.vtstatus.server.internal.store.JobRepository;
import dev.vtstatus.server.internal.store.Outcome;
import dev.vtstatus.server.internal.store.StoreFullException;
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
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The jobs of every replica on one Redis: a hash per job, the idempotency keys, a sorted set of
 * undecided jobs by planned end, a sorted set of ended jobs by end for eviction at the cap, and the
 * scripts that change them atomically together with the event stream. See docs/SCALING.md for the
 * keys. Thread-safe.
 */
final class RedisJobRepository implements JobRepository {
  private final RedisCommands redis;
  private final int maxJobs;
  private final int maxEvents;
  private static final int NEWEST_PAGE = 500;

  private final AtomicInteger retained = new AtomicInteger(1);
  /** The undecided jobs this replica has read, so that a read of one fetches only its state. */
  private final Map<String, JobRecord> undecided = new ConcurrentHashMap<>();

  RedisJobRepository(RedisCommands redis, int maxJobs, int maxEvents) {
    this.redis = redis;
    this.maxJobs = maxJobs;
    this.maxEvents = maxEvents;
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
        if (undecided.size() >= maxJobs + 1) {
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
      String idempotencyKey,
      JsonNode body,
      LongFunction<JobRecord> factory,
      Function<JobRecord, String> createdEvent) {
    String key = idempotencyKey == null ? "" : idempotencyKey;
    return redis.eval(Script.RESERVE, key).compose(reserved -> {
      if (reserved.get(0).toString().equals("existing")) {
        return existing(reserved, body);
      }
      JobRecord job = factory.apply(reserved.get(1).toLong());
      return redis.eval(Script.CREATE, key, body.toString(), job.id(), RedisRecords.write(job), job.traceId(),
              job.plannedEnd().toEpochMilli(), maxJobs, createdEvent.apply(job), maxEvents, job.sequence())
          .compose(created -> switch (created.get(0).toString()) {
            case "existing" -> existing(created, body);
            case "full" -> Future.failedFuture(new StoreFullException(
                "the store holds its maximum of " + maxJobs + " jobs and none has ended yet"));
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

  private Future<Created> existing(Response found, JsonNode body) {
    String id = found.get(1).toString();
    JsonNode earlier;
    try {
      earlier = Json.mapper().readTree(found.get(2).toString());
    } catch (JsonProcessingException e) {
      return Future.failedFuture(new IllegalStateException("an idempotency key's body in Redis is not JSON", e));
    }
    if (!earlier.equals(body)) {
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
      return redis.eval(Script.DECIDE, id, outcome.status().wireName(), outcome.at().toString(),
              outcome.errorCode(), outcome.errorMessage(), terminalEvent.apply(decided), maxEvents, target,
              leaseUntil.toEpochMilli(), job.request().callbackAddress())
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

  /** Reads the number of retained jobs again, for {@link #retained()}. */
  Future<Void> refreshRetained() {
    return redis.send(Request.cmd(Command.GET).arg(redis.prefix() + "count")).map(count -> {
      retained.set((count == null ? 0 : count.toInteger()) + 1);
      return null;
    });
  }

  @Override
  public int retained() {
    return retained.get();
  }
}
