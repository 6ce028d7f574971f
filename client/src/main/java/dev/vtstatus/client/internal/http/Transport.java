package dev.vtstatus.client.internal.http;

import java.util.concurrent.CompletableFuture;

/**
 * Sends HTTP requests. The client's only door to the network, so tests can replace it.
 * Implementations complete their futures on the client's own executor, never on an HTTP library
 * thread, and are thread-safe.
 */
public interface Transport extends AutoCloseable {

  /**
   * Sends a request. The future fails with the transport's {@link java.io.IOException} (or {@link
   * java.net.http.HttpTimeoutException}) when no answer arrives.
   */
  CompletableFuture<HttpAnswer> send(HttpCall call);

  /** Releases what the transport holds. */
  @Override
  void close();
}
