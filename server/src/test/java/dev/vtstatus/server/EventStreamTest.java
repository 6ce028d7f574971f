package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStreamTest extends AcrossStores {
  private static final Duration BOUND = Duration.ofSeconds(3);

  private static Job data(RecordingEventStream.Event event) {
    return TestHttp.read(event.data(), Job.class);
  }

  private static List<Long> ids(List<RecordingEventStream.Event> events) {
    return events.stream().map(e -> Long.parseLong(e.id())).toList();
  }

  @Test
  void streamCarriesCreationAndTerminalEventsInIdOrder() throws Exception {
    test((server, http) -> {
      // Given
      try (RecordingEventStream stream = RecordingEventStream.open(http, "/v1/events")) {
        // When
        Job job = http.create("{\"simulate\":{\"duration_ms\":150}}");

        // Then
        await().atMost(BOUND).until(() -> stream.jobEvents(job.jobId()).size() == 2);
        List<RecordingEventStream.Event> events = stream.jobEvents(job.jobId());
        assertThat(events).extracting(e -> data(e).jobId()).containsOnly(job.jobId());
        assertThat(events).extracting(e -> data(e).status())
            .containsExactly(JobStatus.PENDING, JobStatus.COMPLETED);
        assertThat(ids(events)).isSorted().doesNotHaveDuplicates();
        assertThat(stream.status).isEqualTo(200);
      }
    });
  }

  @Test
  void reconnectWithLastEventIdReplaysWhatWasMissed() throws Exception {
    test((server, http) -> {
      // Given
      String lastId;
      try (RecordingEventStream first = RecordingEventStream.open(http, "/v1/events")) {
        Job seen = http.create("{\"simulate\":{\"duration_ms\":10000}}");
        await().atMost(BOUND).until(() -> first.jobEvents(seen.jobId()).size() == 1);
        lastId = first.jobEvents(seen.jobId()).get(0).id();
      }
      Job missed = http.create("{\"simulate\":{\"duration_ms\":50}}");
      http.get("/v1/jobs/" + missed.jobId() + "?wait=5");

      // When
      try (RecordingEventStream second =
          RecordingEventStream.open(http, "/v1/events", "Last-Event-ID", lastId)) {

        // Then
        await().atMost(BOUND).until(() -> second.jobEvents(missed.jobId()).size() == 2);
        List<RecordingEventStream.Event> events = second.jobEvents(missed.jobId());
        assertThat(events).extracting(e -> data(e).status())
            .containsExactly(JobStatus.PENDING, JobStatus.COMPLETED);
        assertThat(ids(events)).allMatch(id -> id > Long.parseLong(lastId));
      }
    });
  }

  @Test
  void replayOfThousandsOfEventsArrivesCompleteAndLiveEventsFollow() throws Exception {
    test((server, http) -> {
      // Given
      List<Long> published;
      try (RecordingEventStream live = RecordingEventStream.open(http, "/v1/events")) {
        for (int i = 0; i < 500; i++) {
          http.create("{\"simulate\":{\"duration_ms\":0}}");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> live.jobEvents().size() >= 1000);
        published = ids(live.jobEvents());
      }

      // When
      try (RecordingEventStream replay =
          RecordingEventStream.open(http, "/v1/events", "Last-Event-ID", "0")) {
        await().atMost(Duration.ofSeconds(10))
            .until(() -> replay.ended() || replay.jobEvents().size() >= published.size());
        Job after = http.create("{\"simulate\":{\"duration_ms\":10000}}");

        // Then
        await().atMost(BOUND).until(() -> replay.ended() || !replay.jobEvents(after.jobId()).isEmpty());
        assertThat(replay.ended()).as("stream cut during or after the replay").isFalse();
        // the default job may have ended before the live stream opened: compare from the live start
        List<Long> replayed = ids(replay.jobEvents()).stream().filter(id -> id >= published.get(0)).toList();
        assertThat(replayed.subList(0, published.size())).containsExactlyElementsOf(published);
        assertThat(replay.jobEvents(after.jobId())).hasSize(1);
      }
    });
  }

  @Test
  void tooOldLastEventIdGetsReset() throws Exception {
    test(ServerTesting.fastConfig().eventBufferSize(2), (server, http) -> {
      // Given
      for (int i = 0; i < 4; i++) {
        http.create("{\"simulate\":{\"duration_ms\":10000}}");
      }

      // When
      try (RecordingEventStream stream =
          RecordingEventStream.open(http, "/v1/events", "Last-Event-ID", "1")) {

        // Then
        await().atMost(BOUND).until(() -> !stream.events.isEmpty());
        RecordingEventStream.Event reset = stream.events.get(0);
        assertThat(reset.event()).isEqualTo("reset");
        assertThat(Long.parseLong(reset.id())).isGreaterThanOrEqualTo(4);
        assertThat(reset.data()).contains("\"last_event_id\":\"1\"");
        assertThat(ids(stream.jobEvents())).allMatch(id -> id > Long.parseLong(reset.id()));
      }
    });
  }

  @Test
  void lastEventIdFromTheFutureGetsReset() throws Exception {
    test((server, http) -> {
      // When
      try (RecordingEventStream stream =
          RecordingEventStream.open(http, "/v1/events", "Last-Event-ID", "999")) {

        // Then
        await().atMost(BOUND).until(() -> !stream.events.isEmpty());
        assertThat(stream.events.get(0).event()).isEqualTo("reset");
      }
    });
  }

  @Test
  void idsFilterPassesOnlyTheNamedJobs() throws Exception {
    test((server, http) -> {
      // Given: long enough that the stream is open before the job ends
      Job wanted = http.create("{\"simulate\":{\"duration_ms\":600}}");
      try (RecordingEventStream stream =
          RecordingEventStream.open(http, "/v1/events?ids=" + wanted.jobId())) {

        // When
        http.create("{\"simulate\":{\"duration_ms\":50}}");

        // Then
        await().atMost(BOUND).until(() -> stream.jobEvents().size() == 1);
        assertThat(data(stream.jobEvents().get(0)).jobId()).isEqualTo(wanted.jobId());
        assertThat(data(stream.jobEvents().get(0)).status()).isEqualTo(JobStatus.COMPLETED);
      }
    });
  }

  @Test
  void perJobStreamSendsCurrentStateThenTerminalEventThenEnds() throws Exception {
    test((server, http) -> {
      // Given
      Job job = http.create("{\"simulate\":{\"duration_ms\":800}}");

      // When
      try (RecordingEventStream stream = RecordingEventStream.open(http, "/v1/jobs/" + job.jobId() + "/events")) {

        // Then
        await().atMost(BOUND).until(stream::ended);
        assertThat(stream.jobEvents()).extracting(e -> data(e).status())
            .containsExactly(JobStatus.PENDING, JobStatus.COMPLETED);
        assertThat(ids(stream.jobEvents())).isSorted();
      }
      await().atMost(BOUND).until(() -> server.stats().openEventStreams() == 0);
    });
  }

  @Test
  void perJobStreamOfEndedJobSendsFinalStateAndEnds() throws Exception {
    test((server, http) -> {
      // Given
      Job job = http.create("{\"simulate\":{\"duration_ms\":0}}");
      http.get("/v1/jobs/" + job.jobId() + "?wait=5");

      // When
      try (RecordingEventStream stream = RecordingEventStream.open(http, "/v1/jobs/" + job.jobId() + "/events")) {

        // Then
        await().atMost(BOUND).until(stream::ended);
        assertThat(stream.jobEvents()).extracting(e -> data(e).status()).containsExactly(JobStatus.COMPLETED);
      }
    });
  }

  @Test
  void perJobStreamOpenedAfterTheEndButBeforeItsEventSendsTheTerminalStateOnce() throws Exception {
    FakeClock clock = new FakeClock();
    test(ServerTesting.fastConfig().clock(clock), (server, http) -> {
      // Given: the clock is past the job's end; its end timer fires 1.5 s after the create
      Job job = http.create("{\"simulate\":{\"duration_ms\":1500}}");
      clock.advance(Duration.ofSeconds(2));

      // When
      try (RecordingEventStream stream = RecordingEventStream.open(http, "/v1/jobs/" + job.jobId() + "/events")) {

        // Then
        await().atMost(BOUND).until(stream::ended);
        assertThat(stream.jobEvents()).extracting(e -> data(e).status()).containsExactly(JobStatus.COMPLETED);
      }
    });
  }

  @Test
  void perJobStreamOfUnknownJobIs404() throws Exception {
    test((server, http) -> {
      // When
      var response = http.get("/v1/jobs/3f6c0000-0000-4000-8000-000000000000/events");

      // Then
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    });
  }

  @Test
  void idleStreamsGetHeartbeatComments() throws Exception {
    test(ServerTesting.fastConfig().heartbeat(Duration.ofMillis(100)), (server, http) -> {
      // When
      try (RecordingEventStream stream = RecordingEventStream.open(http, "/v1/events")) {

        // Then
        await().atMost(BOUND).until(() -> stream.comments.size() >= 2);
        assertThat(stream.comments).contains("heartbeat");
        assertThat(server.stats().openEventStreams()).isEqualTo(1);
      }
    });
  }

  @Test
  void canceledJobIsStreamed() throws Exception {
    test((server, http) -> {
      // Given
      Job job = http.create("{\"simulate\":{\"duration_ms\":10000}}");
      try (RecordingEventStream stream = RecordingEventStream.open(http, "/v1/jobs/" + job.jobId() + "/events")) {
        await().atMost(BOUND).until(() -> stream.jobEvents().size() == 1);

        // When
        http.delete("/v1/jobs/" + job.jobId());

        // Then
        await().atMost(BOUND).until(stream::ended);
        assertThat(data(stream.jobEvents().get(1)).status()).isEqualTo(JobStatus.CANCELED);
      }
    });
  }
}
