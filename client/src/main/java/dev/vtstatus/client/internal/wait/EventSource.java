package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.internal.sse.EventStreamConnection;

/** A started-on-demand event stream, so the dispatcher can be tested without a network. */
public interface EventSource extends AutoCloseable {

  /** Connects asynchronously. */
  void start();

  /** Stops for good; idempotent. */
  @Override
  void close();

  /** Makes the client's event source for a listener. */
  @FunctionalInterface
  interface Factory {
    /** Returns a new, not yet started source that reports to {@code listener}. */
    EventSource create(EventStreamConnection.Listener listener);
  }
}
