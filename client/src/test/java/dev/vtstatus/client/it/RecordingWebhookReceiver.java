package dev.vtstatus.client.it;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP endpoint on 127.0.0.1 and a free port that records every webhook POSTed to it, headers
 * and raw body as received, and answers 204. {@link #close()} stops it.
 */
final class RecordingWebhookReceiver implements AutoCloseable {
  /**
   * One delivery as received.
   *
   * @param headers every header, names as sent
   * @param body the body, decoded as UTF-8
   */
  record Delivery(Map<String, List<String>> headers, String body) {}

  private final Vertx vertx = Vertx.vertx();
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  private RecordingWebhookReceiver() throws Exception {
    server =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request ->
                        request
                            .body()
                            .onSuccess(
                                body -> {
                                  Map<String, List<String>> headers = new TreeMap<>();
                                  request
                                      .headers()
                                      .forEach(
                                          h ->
                                              headers
                                                  .computeIfAbsent(
                                                      h.getKey(), k -> new ArrayList<>())
                                                  .add(h.getValue()));
                                  deliveries.add(
                                      new Delivery(headers, body.toString(StandardCharsets.UTF_8)));
                                  request.response().setStatusCode(204).end();
                                }))
                .listen(0, "127.0.0.1"));
  }

  /** Starts a receiver. */
  static RecordingWebhookReceiver start() throws Exception {
    return new RecordingWebhookReceiver();
  }

  /** Returns the URL to give as {@code callback_url}. */
  URI url() {
    return URI.create("http://127.0.0.1:" + server.actualPort() + "/hooks/vtstatus");
  }

  /** Returns the deliveries received so far, in order. */
  List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
