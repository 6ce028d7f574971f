package dev.vtstatus.server.internal.store.redis;

import dev.vtstatus.server.RedisPerClass;
import dev.vtstatus.server.internal.store.Store;
import dev.vtstatus.server.internal.store.StoreLimits;
import dev.vtstatus.server.internal.store.StoreContract;
import io.vertx.core.Vertx;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisStoreTest extends StoreContract {
  @RegisterExtension
  static final RedisPerClass REDIS = new RedisPerClass();
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  /** Opens a Redis store; it keeps the count limits of {@code limits} (owners and bytes are not yet kept there). */
  @Override
  protected Store newStore(StoreLimits limits) {
    return RedisStore.open(vertx, URI.create(REDIS.get().url()), limits.maxJobs(), limits.eventBufferSize()).await();
  }
}
