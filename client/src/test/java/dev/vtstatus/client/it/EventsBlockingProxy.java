package dev.vtstatus.client.it;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway in front of a server that passes every request through except the event streams ({@code
 * /v1/events...}), which it answers with a fixed error status, as a proxy that cannot stream would.
 * Listens on 127.0.0.1 and a free port; {@link #close()} stops it.
 */
final class EventsBlockingProxy implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "upgrade",
          "http2-settings",
          "transfer-encoding",
          "te",
          "trailer",
          "proxy-connection",
          "host",
          "content-length");

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient backendClient = vertx.createHttpClient();
  private final URI backend;
  private final int eventsStatus;
  private final AtomicInteger blocked = new AtomicInteger();
  private final HttpServer server;

  private EventsBlockingProxy(URI backend, int eventsStatus) throws Exception {
    this.backend = backend;
    this.eventsStatus = eventsStatus;
    this.server =
        await(vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1"));
  }

  /**
   * Starts a proxy to {@code backend} that answers event-stream requests with {@code eventsStatus}.
   */
  static EventsBlockingProxy start(URI backend, int eventsStatus) throws Exception {
    return new EventsBlockingProxy(backend, eventsStatus);
  }

  /** Returns the proxy's base URL. */
  URI url() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  /** Returns how many event-stream requests it refused. */
  int blockedStreams() {
    return blocked.get();
  }

  @Override
  public void close() {
    try {
      await(vertx.close());
    } catch (Exception e) {
      throw new IllegalStateException("the proxy did not stop", e);
    }
  }

  private void handle(HttpServerRequest request) {
    if (request.path().startsWith("/v1/events")) {
      blocked.incrementAndGet();
      request
          .response()
          .setStatusCode(eventsStatus)
          .putHeader("Content-Type", "application/problem+json")
          .end(
              "{\"type\":\"about:blank\",\"title\":\"streaming is not available here\",\"status\":"
                  + eventsStatus
                  + "}");
      return;
    }
    HttpServerResponse response = request.response();
    request
        .body()
        .compose(
            body -> {
              RequestOptions options =
                  new RequestOptions()
                      .setMethod(request.method())
                      .setHost(backend.getHost())
                      .setPort(backend.getPort())
                      .setURI(request.uri());
              return backendClient
                  .request(options)
                  .compose(
                      forwarded -> {
                        copy(request.headers(), forwarded.headers());
                        return forwarded.send(body);
                      });
            })
        .compose(
            answer ->
                answer
                    .body()
                    .map(
                        body -> {
                          response.setStatusCode(answer.statusCode());
                          copy(answer.headers(), response.headers());
                          response.end(body);
                          return body;
                        }))
        .onFailure(error -> request.connection().close());
  }

  private static void copy(MultiMap from, MultiMap to) {
    for (Map.Entry<String, String> header : from) {
      if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        to.add(header.getKey(), header.getValue());
      }
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
