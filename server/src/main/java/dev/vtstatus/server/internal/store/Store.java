package dev.vtstatus.server.internal.store;

import io.vertx.core.Future;

/**
 * Where a server keeps what its replicas share: jobs, events and webhook deliveries. One
 * implementation per store kind; the server reaches its state only through this. Thread-safe.
 */
public interface Store {
  /** Returns the jobs. */
  JobRepository jobs();

  /** Returns the events. */
  EventLog events();

  /** Returns the webhook deliveries still to make. */
  WebhookQueue webhooks();

  /** Releases the store's connections; the shared state stays where it is. */
  Future<Void> close();
}
