package dev.vtstatus.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The original seed server as its users met it: {@code POST /job} answers {@code 201} with a new
 * id, {@code GET /status/{id}} answers {@code {"result": "pending"}} for a job it made and {@code
 * 200 {"result": "error", "message": "Job not found"}} for any other id, and every other route is
 * an HTML 404, as Flask answers. Binds 127.0.0.1 on a free port; close it when done. Thread-safe.
 */
final class FakeOriginalServer implements AutoCloseable {
  private final HttpServer http;
  private final Set<String> jobs = ConcurrentHashMap.newKeySet();

  FakeOriginalServer() {
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    http.createContext("/", this::handle);
    http.start();
  }

  /** Returns the base URL. */
  String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (method.equals("POST") && path.equals("/job")) {
        String id = UUID.randomUUID().toString();
        jobs.add(id);
        send(exchange, 201, "application/json", "{\"job_id\": \"" + id + "\", \"status\": \"pending\"}");
      } else if (method.equals("GET") && path.startsWith("/status/")) {
        boolean known = jobs.contains(path.substring("/status/".length()));
        send(exchange, 200, "application/json", known
            ? "{\"result\": \"pending\"}" : "{\"result\": \"error\", \"message\": \"Job not found\"}");
      } else {
        send(exchange, 404, "text/html; charset=utf-8", "<!doctype html><title>404 Not Found</title>");
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
