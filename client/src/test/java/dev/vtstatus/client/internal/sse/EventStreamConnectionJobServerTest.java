package dev.vtstatus.client.internal.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.client.it.JobServerExtension;
import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connection against the real server's {@code /v1/events}: its framing, replay and reset. */
class EventStreamConnectionJobServerTest {
  private static final Duration WITHIN = Duration.ofSeconds(5);

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  private EventStreamConnection open(
      JobServer server,
      UnaryOperator<HttpRequest.Builder> extra,
      EventStreamConnection.Listener l) {
    EventStreamConnection connection =
        new EventStreamConnection(
            http,
            () -> extra.apply(HttpRequest.newBuilder(server.url().resolve("/v1/events"))),
            Clock.systemUTC(),
            scheduler,
            3,
            l);
    connection.start();
    return connection;
  }

  private void createFinishedJobs(JobServer server, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      HttpRequest create =
          HttpRequest.newBuilder(server.url().resolve("/v1/jobs"))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"simulate\":{\"duration_ms\":0,\"outcome\":\"completed\"}}"))
              .build();
      assertThat(http.send(create, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(201);
    }
  }

  private static List<ServerSentEvent> jobEvents(RecordingEventStreamListener listener) {
    return listener.events().stream()
        .filter(e -> e.event().equals("job"))
        .collect(Collectors.toList());
  }

  @Test
  void replaysEveryEventAfterTheLastEventIdSent() throws Exception {
    // Given: a first stream that saw the events of three jobs
    JobServerExtension.run(EventStreamConnectionJobServerTest::config, server -> {
      RecordingEventStreamListener first = new RecordingEventStreamListener();
      try (EventStreamConnection live = open(server, b -> b, first)) {
        await().atMost(WITHIN).until(() -> first.of("open").size() == 1);
        createFinishedJobs(server, 3);
        await().atMost(WITHIN).until(() -> jobEvents(first).size() >= 3);
        assertThat(live.lastEventId()).isEqualTo(last(jobEvents(first)).id());
      }
      List<ServerSentEvent> seen = jobEvents(first);

      // When: another stream resumes after the first of those events
      RecordingEventStreamListener resumed = new RecordingEventStreamListener();
      String firstId = seen.get(0).id();
      try (EventStreamConnection replay =
          open(server, b -> b.header("Last-Event-ID", firstId), resumed)) {
        await().atMost(WITHIN).until(() -> jobEvents(resumed).size() >= seen.size() - 1);

        // Then: the same events, in the same order, with the same ids and data
        assertThat(jobEvents(resumed).subList(0, seen.size() - 1))
            .isEqualTo(seen.subList(1, seen.size()));
        assertThat(resumed.kinds()).doesNotContain("disconnect", "giveUp");
        assertThat(replay.lastEventId()).isEqualTo(seen.get(seen.size() - 1).id());
      }
    });
  }

  @Test
  void receivesTheServersResetWhenTheLastEventIdIsNoLongerBuffered() throws Exception {
    // Given: a server that keeps only two events, and more than two published
    JobServerExtension.run(c -> config(c).eventBufferSize(2), server -> {
      RecordingEventStreamListener first = new RecordingEventStreamListener();
      try (EventStreamConnection live = open(server, b -> b, first)) {
        await().atMost(WITHIN).until(() -> first.of("open").size() == 1);
        createFinishedJobs(server, 3);
        await().atMost(WITHIN).until(() -> jobEvents(first).size() >= 3);
        assertThat(live.lastEventId()).isEqualTo(last(jobEvents(first)).id());
      }

      // When
      RecordingEventStreamListener late = new RecordingEventStreamListener();
      try (EventStreamConnection stale = open(server, b -> b.header("Last-Event-ID", "1"), late)) {
        await().atMost(WITHIN).until(() -> !late.events().isEmpty());

        // Then
        ServerSentEvent reset = late.events().get(0);
        assertThat(reset.event()).isEqualTo("reset");
        assertThat(stale.lastEventId()).isEqualTo(reset.id());
        assertThat(reset.data()).contains("\"last_event_id\":\"1\"");
        assertThat(Long.parseLong(reset.id()))
            .isGreaterThanOrEqualTo(Long.parseLong(jobEvents(first).get(2).id()));
      }
    });
  }

  private static ServerSentEvent last(List<ServerSentEvent> events) {
    return events.get(events.size() - 1);
  }

  private static ServerConfig.Builder config(ServerConfig.Builder builder) {
    return builder.errorProbability(0).seed(1L);
  }
}
