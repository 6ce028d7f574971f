package dev.vtstatus.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JDK HttpClient wrapper for tests: string bodies, JSON helpers, 10 s timeouts. */
final class TestHttp {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI base;
  private final HttpClient client;

  TestHttp(URI base) {
    this.base = base;
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder b = request(path).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  HttpResponse<String> post(String path, String json, String... headers) {
    HttpRequest.Builder b = request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  HttpResponse<String> delete(String path, String... headers) {
    HttpRequest.Builder b = request(path).DELETE();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  /** Creates a job with {@code body} by {@code POST /v1/jobs} and returns it. */
  Job create(String body) {
    HttpResponse<String> response = post("/v1/jobs", body);
    if (response.statusCode() != 201) {
      throw new AssertionError("create answered " + response.statusCode() + ": " + response.body());
    }
    return job(response);
  }

  static Job job(HttpResponse<String> response) {
    return read(response.body(), Job.class);
  }

  static JsonNode tree(HttpResponse<String> response) {
    try {
      return Json.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  static <T> T read(String body, Class<T> type) {
    try {
      return Json.mapper().readValue(body, type);
    } catch (IOException e) {
      throw new AssertionError("not a " + type.getSimpleName() + ": " + body, e);
    }
  }

  HttpClient client() {
    return client;
  }
}
