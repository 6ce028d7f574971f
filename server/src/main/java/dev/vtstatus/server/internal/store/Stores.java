package dev.vtstatus.server.internal.store;

import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.server.internal.store.memory.MemoryStore;
import dev.vtstatus.server.internal.store.redis.RedisStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;

/** Opens the store a config names. Thread-safe. */
public final class Stores {
  private Stores() {}

  /** Opens {@code config.store()}: {@code memory}, or a Redis at a {@code redis://} URL. */
  public static Future<Store> open(Vertx vertx, ServerConfig config) {
    StoreLimits limits = StoreLimits.of(config);
    if (config.store().equals(ServerConfig.MEMORY_STORE)) {
      return Future.succeededFuture(new MemoryStore(limits));
    }
    return RedisStore.open(vertx, URI.create(config.store()), limits);
  }
}
