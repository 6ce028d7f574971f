package dev.vtstatus.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small JDK HttpClient wrapper for tests: string bodies, JSON helpers, 10 s timeouts. Every
 * answer it receives, event streams' included, is checked against docs/openapi.yaml ({@link
 * OpenApiContract}) by {@link #checkAnswers()}, which {@link ServerTesting} calls when the test body
 * ends; a mismatch fails the test. The checks wait until then so that validating never takes CPU
 * from the server while a test measures how fast it answers.
 */
final class TestHttp {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** One answer to check: what was asked and what came back (the body, or "" for a stream). */
  private record Answer(String method, String path, int status, HttpHeaders headers, String body) {}

  private final URI base;
  private final HttpClient client;
  private final List<Answer> answers = new CopyOnWriteArrayList<>();
  private final List<RecordingEventStream> streams = new CopyOnWriteArrayList<>();

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
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Sends {@code request} with a string body handler of the caller's and checks the answer. */
  HttpResponse<String> send(HttpRequest request, HttpResponse.BodyHandler<String> handler) {
    try {
      HttpResponse<String> response = client.send(request, handler);
      record(request, response.statusCode(), response.headers(), response.body());
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  HttpResponse<String> post(String path, String json, String... headers) {
    return send("POST", path, json, headers);
  }

  HttpResponse<String> put(String path, String json, String... headers) {
    return send("PUT", path, json, headers);
  }

  HttpResponse<String> delete(String path, String... headers) {
    return send("DELETE", path, null, headers);
  }

  /** Sends {@code json} (null for no body) as {@code application/json}, with the extra headers. */
  private HttpResponse<String> send(String method, String path, String json, String... headers) {
    HttpRequest.Builder b = request(path).method(method,
        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
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

  /** Notes an answer received outside {@link #send}, to be checked by {@link #checkAnswers()}. */
  void record(HttpRequest request, int status, HttpHeaders headers, String body) {
    answers.add(new Answer(request.method(), request.uri().getPath(), status, headers, body));
  }

  /** Notes an event stream whose job events {@link #checkAnswers()} checks. */
  void record(RecordingEventStream stream) {
    streams.add(stream);
  }

  /**
   * Checks every answer and stream event received so far against docs/openapi.yaml.
   *
   * @throws AssertionError listing the first mismatch of each answer that does not match
   */
  void checkAnswers() {
    List<String> mismatches = new ArrayList<>();
    OpenApiContract contract = OpenApiContract.document();
    for (Answer a : answers) {
      try {
        contract.check(a.method(), a.path(), a.status(), a.headers(), a.body());
      } catch (AssertionError e) {
        mismatches.add(e.getMessage());
      }
    }
    for (RecordingEventStream stream : streams) {
      for (RecordingEventStream.Event event : stream.jobEvents()) {
        contract.validate("Job", event.data())
            .forEach(m -> mismatches.add("job event " + event.id() + " does not match docs/openapi.yaml: " + m));
      }
    }
    if (!mismatches.isEmpty()) {
      throw new AssertionError(String.join("\n", mismatches));
    }
  }
}
