package dev.vtstatus.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Connects to an event-stream route with the JDK client and records every event and comment it
 * reads, on a daemon thread, until the stream ends or {@link #close()} is called. Opened through a
 * {@link TestHttp}, its answer and the data of its {@code job} events are checked against
 * docs/openapi.yaml with the other answers of the test.
 */
final class RecordingEventStream implements AutoCloseable {
  /** One parsed server-sent event. */
  record Event(String id, String event, String data) {}

  final List<Event> events = new CopyOnWriteArrayList<>();
  final List<String> comments = new CopyOnWriteArrayList<>();
  final int status;
  private final InputStream body;
  private volatile boolean ended;

  private RecordingEventStream(HttpResponse<InputStream> response) {
    this.status = response.statusCode();
    this.body = response.body();
    Thread reader = new Thread(this::read, "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static RecordingEventStream open(TestHttp http, String path, String... headers) throws Exception {
    HttpRequest.Builder builder = http.request(path).header("Accept", "text/event-stream").GET();
    if (headers.length > 0) {
      builder.headers(headers);
    }
    HttpRequest request = builder.build();
    HttpResponse<InputStream> response = http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      // a refusal is a short problem body, read whole so that it is checked like any answer
      String refusal = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
      http.record(request, response.statusCode(), response.headers(), refusal);
      return new RecordingEventStream(response);
    }
    http.record(request, response.statusCode(), response.headers(), "");
    RecordingEventStream stream = new RecordingEventStream(response);
    http.record(stream);
    return stream;
  }

  private void read() {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      String event = null;
      List<String> data = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty()) {
          if (event != null || !data.isEmpty()) {
            events.add(new Event(id, event == null ? "message" : event, String.join("\n", data)));
          }
          id = null;
          event = null;
          data = new ArrayList<>();
        } else if (line.startsWith(":")) {
          comments.add(line.substring(1).trim());
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.add(line.substring(5).trim());
        }
      }
    } catch (IOException e) {
      // the test closed the stream, or the server went away: both end the recording
    } finally {
      ended = true;
    }
  }

  /** Returns the events named {@code job}. */
  List<Event> jobEvents() {
    return events.stream().filter(e -> e.event().equals("job")).toList();
  }

  /** Returns the {@code job} events about one job. */
  List<Event> jobEvents(String jobId) {
    return jobEvents().stream().filter(e -> e.data().contains("\"job_id\":\"" + jobId + "\"")).toList();
  }

  boolean ended() {
    return ended;
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
