package dev.vtstatus.server.internal.store.redis;

import dev.vtstatus.server.internal.store.WebhookQueue;
import dev.vtstatus.server.internal.store.redis.RedisCommands.Script;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook deliveries of every replica on one Redis: a hash per delivery and a sorted set of
 * them by the time they are due (or their lease ends). Thread-safe.
 */
final class RedisWebhookQueue implements WebhookQueue {
  private final RedisCommands redis;

  RedisWebhookQueue(RedisCommands redis) {
    this.redis = redis;
  }

  @Override
  public Future<List<Delivery>> claimDue(Instant now, Instant leaseUntil, int limit) {
    return redis.eval(Script.CLAIM, now.toEpochMilli(), leaseUntil.toEpochMilli(), limit).map(claimed -> {
      List<Delivery> deliveries = new ArrayList<>(claimed.size());
      for (Response d : claimed) {
        deliveries.add(new Delivery(d.get(0).toString(), d.get(3).toString(), URI.create(d.get(1).toString()),
            d.get(5).toString(), d.get(2).toString(), d.get(4).toInteger()));
      }
      return deliveries;
    });
  }

  @Override
  public Future<Void> retry(String jobId, int nextAttempt, Instant dueAt) {
    return redis.eval(Script.RETRY, jobId, nextAttempt, dueAt.toEpochMilli()).mapEmpty();
  }

  @Override
  public Future<Void> done(String jobId) {
    return redis.eval(Script.DONE, jobId).mapEmpty();
  }
}
