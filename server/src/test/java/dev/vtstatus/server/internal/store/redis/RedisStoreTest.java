package dev.vtstatus.server.internal.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.server.EmbeddedRedis;
import dev.vtstatus.server.internal.store.Store;
import dev.vtstatus.server.internal.store.StoreLimits;
import dev.vtstatus.server.internal.store.StoreLimitsContract;
import dev.vtstatus.server.internal.store.EventLog;
import dev.vtstatus.server.internal.store.JobRecord;
import dev.vtstatus.server.internal.store.PendingShareException;
import dev.vtstatus.server.internal.store.Transition;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
}
