package dev.vtstatus.server.internal.store.memory;

import dev.vtstatus.server.internal.store.WebhookQueue;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The webhook deliveries of a single server, in its memory. Thread-safe: every method is serialized on this object. */
final class MemoryWebhookQueue implements WebhookQueue {
  private record Queued(Delivery delivery, Instant dueAt) {}

  private final Map<String, Queued> queued = new HashMap<>();

  /** Queues a delivery claimed until {@code leaseUntil}; called with the decision it reports. */
  synchronized void add(Delivery delivery, Instant leaseUntil) {
    queued.put(delivery.jobId(), new Queued(delivery, leaseUntil));
  }

  @Override
  public synchronized Future<List<Delivery>> claimDue(Instant now, Instant leaseUntil, int limit) {
    List<Delivery> claimed = new ArrayList<>();
    for (Map.Entry<String, Queued> entry : queued.entrySet()) {
      if (claimed.size() < limit && !entry.getValue().dueAt().isAfter(now)) {
        claimed.add(entry.getValue().delivery());
      }
    }
    for (Delivery delivery : claimed) {
      queued.put(delivery.jobId(), new Queued(delivery, leaseUntil));
    }
    return Future.succeededFuture(claimed);
  }

  @Override
  public synchronized Future<Void> retry(String jobId, int nextAttempt, Instant dueAt) {
    queued.computeIfPresent(jobId, (id, q) -> {
      Delivery d = q.delivery();
      return new Queued(new Delivery(d.jobId(), d.traceId(), d.target(), d.address(), d.body(), nextAttempt), dueAt);
    });
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> done(String jobId) {
    queued.remove(jobId);
    return Future.succeededFuture();
  }
}
