package dev.vtstatus.server.internal.store.redis;

import dev.vtstatus.server.EmbeddedRedis;
import dev.vtstatus.server.internal.store.Store;
import dev.vtstatus.server.internal.store.StoreLimits;
import dev.vtstatus.server.internal.store.StoreContract;
import io.vertx.core.Vertx;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

class RedisStoreTest extends StoreContract {
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

  /** Opens a Redis store; it keeps the count limits of {@code limits} (owners and bytes are not yet kept there). */
  @Override
  protected Store newStore(StoreLimits limits) {
    return RedisStore.open(vertx, URI.create(redis.url()), limits.maxJobs(), limits.eventBufferSize()).await();
  }
}
