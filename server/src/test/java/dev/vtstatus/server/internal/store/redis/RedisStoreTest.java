package dev.vtstatus.server.internal.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.server.EmbeddedRedis;
import dev.vtstatus.server.internal.store.EventLog;
import dev.vtstatus.server.internal.store.JobRecord;
import dev.vtstatus.server.internal.store.JobRepository;
import dev.vtstatus.server.internal.store.PendingShareException;
import dev.vtstatus.server.internal.store.Store;
import dev.vtstatus.server.internal.store.StoreFullException;
import dev.vtstatus.server.internal.store.StoreLimits;
import dev.vtstatus.server.internal.store.StoreLimitsContract;
import dev.vtstatus.server.internal.store.Transition;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisStoreTest extends StoreLimitsContract {
  private static EmbeddedRedis redis;
  private static Vertx vertx;

  @BeforeAll
  static void startRedis() {
    redis = EmbeddedRedis.start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopRedis() {
    vertx.close().await();
    redis.close();
  }

  @BeforeEach
  void emptyRedis() {
    redis.flush();
  }

  @Override
  protected Store newStore(StoreLimits limits) {
    return RedisStore.open(vertx, URI.create(redis.url()), limits).await();
  }

  @Test
  void replicasShareEachOwnersPendingCountAndSeeEachOthersOwners() throws Exception {
    // Given two replicas on one Redis, owner a with a share of two
    StoreLimits limits = new StoreLimits(10, 100, 2, Long.MAX_VALUE);
    Store a = store(limits);
    Store b = store(limits);
    List<EventLog.Event> seenOnB = new CopyOnWriteArrayList<>();
    b.events().subscribe(seenOnB::add);
    JobRecord first = create(a, "a", null, 1000).job();
    create(b, "a", null, 1000);

    // When / Then: a third job of a is refused on either replica, until one ends on the other
    assertThatThrownBy(() -> create(a, "a", null, 1000)).isInstanceOf(PendingShareException.class);
    assertThatThrownBy(() -> create(b, "a", null, 1000)).isInstanceOf(PendingShareException.class);
    decide(b, first.id(), Transition.cancel(Instant.parse("2026-11-23T10:00:00.010Z")));
    assertThat(create(a, "a", null, 1000).created()).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> seenOnB.stream().anyMatch(e -> e.jobId().equals(first.id())));
    assertThat(seenOnB).filteredOn(e -> e.jobId().equals(first.id())).extracting(EventLog.Event::owner)
        .containsOnly("a");
  }

  @Test
  void theCountsKeptInRedisAddUpToWhatItHoldsAfterAnyMixOfChanges() throws Exception {
    // Given a budget of six jobs and a seeded mix of creates (some keyed), ends, refusals and evictions
    StoreLimits limits = new StoreLimits(8, 20, 3, 60_000);
    Store store = store(limits);
    Random random = new Random(12);
    List<String> pending = new ArrayList<>();
    int evicted = 0;
    Set<Class<?>> refusals = new HashSet<>();
    for (int i = 0; i < 150; i++) {
      if (random.nextInt(3) > 0 || pending.isEmpty()) {
        String owner = List.of("a", "b", "c").get(random.nextInt(3));
        String key = random.nextBoolean() ? "k" + random.nextInt(10) : null;
        try {
          JobRepository.Created created = create(store, owner, key, 100_000);
          if (created.created()) {
            pending.add(created.job().id());
          }
          evicted += created.evicted().size();
        } catch (PendingShareException | StoreFullException refused) {
          // a refusal changes nothing, which the sums below show
          refusals.add(refused.getClass());
        }
      } else {
        String id = pending.remove(random.nextInt(pending.size()));
        decide(store, id, random.nextBoolean() ? Transition.plannedEnd() : Transition.cancel(Instant.EPOCH));
      }
    }

    // Then every running total is the sum of what Redis holds, and the bytes stay near the budget
    Redis client = Redis.createClient(vertx, redis.url());
    try {
      long jobBytes = 0;
      long endedBytes = 0;
      Map<String, Integer> pendingByOwner = new HashMap<>();
      Response ended = client.send(Request.cmd(Command.ZRANGE).arg("vtstatus:ended").arg(0).arg(-1)).await();
      List<String> endedIds = ended.stream().map(Response::toString).toList();
      Response jobs = client.send(Request.cmd(Command.ZRANGE).arg("vtstatus:jobs").arg(0).arg(-1)).await();
      for (Response id : jobs) {
        Response fields = client.send(Request.cmd(Command.HMGET).arg("vtstatus:job:" + id).arg("size").arg("owner")
            .arg("ost")).await();
        long size = fields.get(0).toLong();
        jobBytes += size;
        if (endedIds.contains(id.toString())) {
          endedBytes += size;
        } else {
          pendingByOwner.merge(fields.get(1).toString(), 1, Integer::sum);
        }
      }
      long eventBytes = 0;
      Response events = client.send(Request.cmd(Command.XRANGE).arg("vtstatus:events").arg("-").arg("+")).await();
      for (Response entry : events) {
        Response fields = entry.get(1);
        for (int f = 0; f < fields.size(); f += 2) {
          if (fields.get(f).toString().equals("size")) {
            eventBytes += fields.get(f + 1).toLong();
          }
        }
      }
      assertThat(number(client, "vtstatus:count")).isEqualTo(jobs.size());
      assertThat(number(client, "vtstatus:endedbytes")).isEqualTo(endedBytes);
      assertThat(number(client, "vtstatus:evbytes")).isEqualTo(eventBytes).isLessThanOrEqualTo(limits.eventBudget());
      assertThat(number(client, "vtstatus:bytes")).isEqualTo(jobBytes + eventBytes)
          .isLessThanOrEqualTo(limits.memoryBudget() + limits.eventBudget());
      assertThat(events.size()).isLessThanOrEqualTo(limits.eventBufferSize());
      Response shares = client.send(Request.cmd(Command.HGETALL).arg("vtstatus:pending")).await();
      Map<String, Integer> counted = new HashMap<>();
      for (String owner : shares.getKeys()) {
        counted.put(owner, shares.get(owner).toInteger());
      }
      assertThat(counted).isEqualTo(pendingByOwner);
      assertThat(jobs.size()).isGreaterThan(0);
      assertThat(evicted).isGreaterThan(0);
      assertThat(refusals).containsExactlyInAnyOrder(PendingShareException.class, StoreFullException.class);
    } finally {
      client.close();
    }
  }

  private static long number(Redis client, String key) {
    Response value = client.send(Request.cmd(Command.GET).arg(key)).await();
    return value == null ? 0 : value.toLong();
  }
}
