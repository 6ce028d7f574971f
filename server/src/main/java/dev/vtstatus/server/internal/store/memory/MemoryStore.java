package dev.vtstatus.server.internal.store.memory;

import dev.vtstatus.server.internal.store.EventLog;
import dev.vtstatus.server.internal.store.JobRepository;
import dev.vtstatus.server.internal.store.Store;
import dev.vtstatus.server.internal.store.WebhookQueue;
import io.vertx.core.Future;

/**
 * The default store: everything in this process's memory, gone when it stops, for one replica.
 * Thread-safe.
 */
public final class MemoryStore implements Store {
  private final MemoryEventLog events;
  private final MemoryJobRepository jobs;
  private final MemoryWebhookQueue webhooks = new MemoryWebhookQueue();

  /** Creates a store that keeps at most {@code maxJobs} client jobs and {@code eventBufferSize} events. */
  public MemoryStore(int maxJobs, int eventBufferSize) {
    this.events = new MemoryEventLog(eventBufferSize);
    this.jobs = new MemoryJobRepository(maxJobs, events, webhooks);
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
