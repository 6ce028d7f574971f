package dev.vtstatus.client.internal;

import dev.vtstatus.client.internal.http.HttpCall;
import dev.vtstatus.client.internal.http.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Asks a replica that was set aside whether it answers again: one {@code GET /healthz}, within the
 * request timeout (at most {@link #MOST}). Any answer but a gateway's 502, 503 or 504 counts, since
 * a replica that answers at all can serve (a server of the seed protocol may answer {@code 404}
 * there). Not reported to the listeners as a request: it reads no job. Thread-safe.
 */
final class HealthProbe {
  /** The longest a probe may take. */
  static final Duration MOST = Duration.ofSeconds(5);

  private final Transport transport;
  private final Duration timeout;

  HealthProbe(Transport transport, Duration requestTimeout) {
    this.transport = transport;
    this.timeout = requestTimeout.compareTo(MOST) < 0 ? requestTimeout : MOST;
  }

  /** Completes with whether the replica at {@code base} answered; never fails. */
  CompletableFuture<Boolean> answers(URI base) {
    CompletableFuture<Boolean> alive;
    try {
      alive = transport
          .send(new HttpCall("GET", URI.create(base + "/healthz"), Map.of("Accept", "application/json"), null, timeout))
          .thenApply(answer -> answer.status() < 502 || answer.status() > 504);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(false);
    }
    return alive.exceptionally(error -> false);
  }
}
