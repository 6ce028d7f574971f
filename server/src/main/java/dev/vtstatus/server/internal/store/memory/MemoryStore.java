package dev.vtstatus.server.internal.store.memory;

import dev.vtstatus.server.internal.store.EventLog;
import dev.vtstatus.server.internal.store.JobRepository;
import dev.vtstatus.server.internal.store.Store;
import dev.vtstatus.server.internal.store.StoreLimits;
import dev.vtstatus.server.internal.store.WebhookQueue;
import io.vertx.core.Future;

/**
 * The default store: everything in this process's memory, gone when it stops, for one replica.
 * Its jobs, events and idempotency records share one memory budget. Thread-safe.
 */
public final class MemoryStore implements Store {
  private final MemoryEventLog events;
  private final MemoryJobRepository jobs;
  private final MemoryWebhookQueue webhooks = new MemoryWebhookQueue();

  /** Creates a store within {@code limits}. */
  public MemoryStore(StoreLimits limits) {
    MemoryBudget budget = new MemoryBudget(limits.memoryBudget());
    this.events = new MemoryEventLog(limits.eventBufferSize(), limits.eventBudget(), budget);
    this.jobs = new MemoryJobRepository(limits, events, budget, webhooks);
  }

  /** Creates a store that keeps at most {@code maxJobs} client jobs and {@code eventBufferSize} events. */
  public MemoryStore(int maxJobs, int eventBufferSize) {
    this(StoreLimits.counts(maxJobs, eventBufferSize));
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
    return Future.succeededFuture();
  }
}
