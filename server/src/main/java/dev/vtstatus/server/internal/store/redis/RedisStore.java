package dev.vtstatus.server.internal.store.redis;

import dev.vtstatus.server.internal.store.EventLog;
import dev.vtstatus.server.internal.store.JobRepository;
import dev.vtstatus.server.internal.store.Store;
import dev.vtstatus.server.internal.store.StoreLimits;
import dev.vtstatus.server.internal.store.WebhookQueue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.net.URI;

/**
 * The store that lets replicas act as one server: jobs, events and webhook deliveries in one
 * Redis, changed only by scripts that keep each change and its event together, on {@code
 * vertx-redis-client} so that nothing blocks an event loop. Every key starts with {@code
 * vtstatus:}. Thread-safe.
 */
public final class RedisStore implements Store {
  /** The prefix of every key the store writes. */
  public static final String PREFIX = "vtstatus:";

  private static final int POOL_SIZE = 32;

  private static final long REFRESH_MILLIS = 1000;

  private final Vertx vertx;
  private final Redis client;
  private final RedisJobRepository jobs;
  private final RedisEventLog events;
  private final RedisWebhookQueue webhooks;
  private volatile long refreshTimer = -1;

  private RedisStore(Vertx vertx, Redis client, String where, StoreLimits limits) {
    this.vertx = vertx;
    this.client = client;
    RedisCommands commands = new RedisCommands(vertx, client, where, PREFIX);
    this.jobs = new RedisJobRepository(commands, limits);
    this.events = new RedisEventLog(vertx, client, commands);
    this.webhooks = new RedisWebhookQueue(commands);
  }

  /**
   * Connects to the Redis at {@code url} ({@code redis://HOST:PORT[/DB]}) and starts reading its
   * events; fails within a few seconds, naming the URL, when Redis cannot be reached. Every replica
   * on one Redis should be given the same {@code limits}: each change is checked against the
   * limits of the replica that makes it.
   */
  public static Future<Store> open(Vertx vertx, URI url, StoreLimits limits) {
    RedisOptions options = new RedisOptions()
        .setConnectionString(url.toString())
        .setMaxPoolSize(POOL_SIZE)
        .setMaxPoolWaiting(4096)
        .setMaxWaitingHandlers(16_384)
        .setNetClientOptions(new NetClientOptions().setConnectTimeout(2000).setTcpNoDelay(true));
    Redis client = Redis.createClient(vertx, options);
    RedisStore store = new RedisStore(vertx, client, url.toString(), limits);
    RedisCommands ping = new RedisCommands(vertx, client, url.toString(), PREFIX);
    return ping.send(Request.cmd(Command.PING))
        .compose(pong -> store.jobs.start())
        .compose(v -> store.events.start())
        .<Store>map(v -> {
          // what other replicas create and evict shows in this replica's gauge and cache within a second
          store.refreshTimer = vertx.setPeriodic(REFRESH_MILLIS, id -> store.jobs.refresh());
          return store;
        })
        .onFailure(e -> client.close());
  }

  @Override
  public JobRepository jobs() {
    return jobs;
  }

  @Override
  public EventLog events() {
    return events;
  }

  @Override
  public WebhookQueue webhooks() {
    return webhooks;
  }

  @Override
  public Future<Void> close() {
    vertx.cancelTimer(refreshTimer);
    events.close();
    return client.close();
  }
}
