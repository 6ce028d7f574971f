package dev.vtstatus.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook endpoint on 127.0.0.1 and a free port that records every delivery, headers and raw
 * body as received, and answers with scripted status codes, then 200 once the script runs out.
 * Start it with {@link #start(int...)}; {@link #close()} stops it. Thread-safe.
 */
public final class RecordingWebhookReceiver implements AutoCloseable {
  /**
   * One delivery as received.
   *
   * @param headers every header with all its values; names are looked up in any case
   * @param body the body, decoded as UTF-8
   */
  public record Delivery(Map<String, List<String>> headers, String body) {
    /** Copies {@code headers} into a read-only map whose names are looked up in any case. */
    public Delivery {
      Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
      headers = Collections.unmodifiableMap(copy);
    }

    /** Returns the first value of header {@code name}, in any case, or null when it was not sent. */
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private static final String PATH = "/hooks/vtstatus";

  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
  private final HttpServer server;

  private RecordingWebhookReceiver(int... statuses) {
    for (int status : statuses) {
      script.add(status);
    }
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(PATH, exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      deliveries.add(new Delivery(exchange.getRequestHeaders(), body));
      Integer status = script.poll();
      exchange.sendResponseHeaders(status == null ? 200 : status, -1);
      exchange.close();
    });
    server.start();
  }

  /**
   * Starts a receiver.
   *
   * @param statuses the status codes of the first answers, in order; every later answer is 200
   * @throws UncheckedIOException if no loopback port can be bound
   */
  public static RecordingWebhookReceiver start(int... statuses) {
    return new RecordingWebhookReceiver(statuses);
  }

  /** Returns the URL to give as {@code callback_url}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** Returns the deliveries received so far, in order of arrival. */
  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Stops the receiver at once; a delivery in flight may be cut off. */
  @Override
  public void close() {
    server.stop(0);
  }
}
