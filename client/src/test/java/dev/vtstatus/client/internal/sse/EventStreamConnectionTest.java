package dev.vtstatus.client.internal.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.net.ProtocolException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventStreamConnectionTest {
  private static final Duration WITHIN = Duration.ofSeconds(5);
  private static final ReconnectBackoff QUICK =
      new ReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100), 0.2);

  private final AtomicInteger schedulerThreads = new AtomicInteger();
  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(
          2, r -> new Thread(r, "test-scheduler-" + schedulerThreads.incrementAndGet()));
  private final HttpClient http =
      HttpClient.newBuilder()
          .executor(Executors.newCachedThreadPool(r -> new Thread(r, "test-http")))
          .build();
  private final RecordingEventStreamListener listener = new RecordingEventStreamListener();

  private final List<EventStreamConnection> connections = new ArrayList<>();

  @AfterEach
  void closeConnectionsAndScheduler() {
    connections.forEach(EventStreamConnection::close);
    scheduler.shutdownNow();
  }

  private EventStreamConnection connect(FakeEventStreamServer server, int maxFailures) {
    return connect(
        () -> HttpRequest.newBuilder(server.uri()).header("X-Api-Key", "k1"), maxFailures);
  }

  private EventStreamConnection connect(Supplier<HttpRequest.Builder> request, int maxFailures) {
    return connect(request, maxFailures, EventStreamConnection.DEFAULT_IDLE_TIMEOUT);
  }

  private EventStreamConnection connect(
      Supplier<HttpRequest.Builder> request, int maxFailures, Duration idleTimeout) {
    return connect(request, maxFailures, idleTimeout, EventStreamParser.DEFAULT_MAX_LINE);
  }

  private EventStreamConnection connect(
      Supplier<HttpRequest.Builder> request, int maxFailures, Duration idleTimeout, int maxLine) {
    return connect(request, maxFailures, idleTimeout, maxLine, cause -> false);
  }

  private EventStreamConnection connect(
      Supplier<HttpRequest.Builder> request, int maxFailures, Duration idleTimeout, int maxLine,
      java.util.function.Predicate<Throwable> movesOn) {
    EventStreamConnection connection =
        new EventStreamConnection(
            http, request, Clock.systemUTC(), scheduler, maxFailures, QUICK, idleTimeout, maxLine, listener,
            movesOn);
    connections.add(connection);
    connection.start();
    return connection;
  }

  @Test
  void deliversEventsInOrderOnTheSchedulerAfterOpening() throws Exception {
    // Given
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) -> {
              exchange.openStream().write(": hello\n\nid: 1\nevent: job\ndata: {\"a\":1}\n\n");
              exchange.write("id: 2\nevent: job\ndata: {\"a\":2}\n\n").holdUntilClientHangsUp();
            })) {
      EventStreamConnection connection = connect(server, 3);

      // When
      await().atMost(WITHIN).until(() -> listener.events().size() == 2);

      // Then
      assertThat(listener.kinds()).containsExactly("open", "event", "event");
      assertThat(listener.of("open").get(0).value()).isEqualTo(false);
      assertThat(listener.events())
          .containsExactly(
              new ServerSentEvent("1", "job", "{\"a\":1}"),
              new ServerSentEvent("2", "job", "{\"a\":2}"));
      assertThat(listener.calls())
          .allSatisfy(c -> assertThat(c.thread()).startsWith("test-scheduler-"));
      FakeEventStreamServer.RecordedRequest request = server.requests().get(0);
      assertThat(request.requestLine()).startsWith("GET /v1/events ");
      assertThat(request.header("Accept")).isEqualTo("text/event-stream");
      assertThat(request.header("X-Api-Key")).isEqualTo("k1");
      assertThat(request.header("Last-Event-ID")).isNull();
      assertThat(connection.lastEventId()).isEqualTo("2");
    }
  }

  @Test
  void resumesWithTheLastEventIdAfterTheServerDropsTheStream() throws Exception {
    // Given
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) -> {
              if (n == 1) {
                exchange
                    .openStream()
                    .write("id: 41\ndata: a\n\nid: 42\ndata: b\n\nid: 43\ndata: cut");
              } else {
                exchange.openStream().write("id: 43\ndata: c\n\n").holdUntilClientHangsUp();
              }
            })) {
      connect(server, 3);

      // When
      await().atMost(WITHIN).until(() -> listener.events().size() == 3);

      // Then
      assertThat(listener.kinds())
          .containsExactly("open", "event", "event", "disconnect", "open", "event");
      assertThat(listener.of("disconnect").get(0).value()).isInstanceOf(EOFException.class);
      assertThat(listener.of("open"))
          .extracting(RecordingEventStreamListener.Call::value)
          .containsExactly(false, true);
      assertThat(listener.events())
          .extracting(ServerSentEvent::data)
          .containsExactly("a", "b", "c");
      assertThat(server.requests()).hasSize(2);
      assertThat(server.requests().get(1).header("Last-Event-ID")).isEqualTo("42");
    }
  }

  @Test
  void waitsTheServersRetryBeforeReconnecting() throws Exception {
    // Given
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) -> {
              if (n == 1) {
                exchange.openStream().write("retry: 300\n\n");
              } else {
                exchange.openStream().holdUntilClientHangsUp();
              }
            })) {
      connect(server, 3);

      // When
      await().atMost(WITHIN).until(() -> listener.of("open").size() == 2);

      // Then
      Duration reconnectIn = listener.of("disconnect").get(0).reconnectIn();
      assertThat(reconnectIn).isBetween(Duration.ofMillis(300), Duration.ofMillis(360));
    }
  }

  @Test
  void givesUpAfterTheConfiguredFailuresInARow() throws Exception {
    // Given
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) ->
                exchange.answer(503, "application/problem+json", Map.of(), "{\"status\":503}"))) {
      connect(server, 3);

      // When
      await().atMost(WITHIN).until(() -> listener.kinds().contains("giveUp"));

      // Then
      assertThat(listener.kinds()).containsExactly("disconnect", "disconnect", "giveUp");
      assertThat(listener.of("disconnect"))
          .extracting(RecordingEventStreamListener.Call::reconnectIn)
          .allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(20), Duration.ofMillis(48)));
      EventStreamStatusException cause =
          (EventStreamStatusException) listener.of("giveUp").get(0).value();
      assertThat(cause.statusCode()).isEqualTo(503);
      assertThat(cause.getMessage()).contains("503");
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void givesUpAtOnceWhenTheServerRejectsTheKey() throws Exception {
    // Given
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) ->
                exchange.answer(
                    401, "application/problem+json", Map.of(), "{\"title\":\"Unauthorized\"}"))) {
      connect(server, 10);

      // When
      await().atMost(WITHIN).until(() -> listener.kinds().contains("giveUp"));

      // Then
      assertThat(listener.kinds()).containsExactly("giveUp");
      EventStreamStatusException cause =
          (EventStreamStatusException) listener.of("giveUp").get(0).value();
      assertThat(cause.statusCode()).isEqualTo(401);
      assertThat(cause.body()).contains("Unauthorized");
      assertThat(cause.isPermanent()).isTrue();
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void reconnectsAtOnceWhenTheFailureMovedTheStreamToAnotherServer() throws Exception {
    // Given: a gateway error that the connection is told moved it elsewhere, despite a Retry-After
    List<Throwable> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) -> {
              if (n == 1) {
                exchange.answer(502, "text/plain", Map.of("Retry-After", "30"), "bad gateway");
              } else {
                exchange.openStream().write("id: 1\ndata: a\n\n").holdUntilClientHangsUp();
              }
            })) {
      connect(() -> HttpRequest.newBuilder(server.uri()), 10, EventStreamConnection.DEFAULT_IDLE_TIMEOUT,
          EventStreamParser.DEFAULT_MAX_LINE, cause -> told.add(cause));

      // When
      await().atMost(WITHIN).until(() -> listener.events().size() == 1);

      // Then: no backoff, and the failure was what the connection asked about
      assertThat(listener.of("disconnect").get(0).reconnectIn()).isEqualTo(Duration.ZERO);
      assertThat(told).singleElement().isInstanceOfSatisfying(EventStreamStatusException.class,
          e -> assertThat(e.statusCode()).isEqualTo(502));
    }
  }

  @Test
  void waitsTheRetryAfterOfARateLimitedAnswer() throws Exception {
    // Given
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) ->
                exchange.answer(
                    429, "application/problem+json", Map.of("Retry-After", "2"), "{}"))) {
      connect(server, 10);

      // When
      await().atMost(WITHIN).until(() -> listener.kinds().contains("disconnect"));

      // Then
      assertThat(listener.of("disconnect").get(0).reconnectIn()).isEqualTo(Duration.ofSeconds(2));
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void givesUpAtOnceOnALineOverTheLimitAndHangsUp() throws Exception {
    // Given: an event whose data line never ends
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) ->
                exchange
                    .head(200, "text/event-stream", Map.of())
                    .write("id: 1\nevent: job\ndata: " + "x".repeat(4096))
                    .holdUntilClientHangsUp())) {
      connect(() -> HttpRequest.newBuilder(server.uri()), 10, EventStreamConnection.DEFAULT_IDLE_TIMEOUT, 1024);

      // When
      await().atMost(WITHIN).until(() -> listener.kinds().contains("giveUp"));

      // Then: no reconnect, since the same event would come again
      assertThat(listener.of("giveUp").get(0).value())
          .isInstanceOf(dev.vtstatus.client.InvalidResponseException.class)
          .asString()
          .contains("1024 characters");
      await().atMost(WITHIN).until(() -> server.clientHangUps() == 1);
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void givesUpAtOnceOnAnAnswerThatIsNotAnEventStream() throws Exception {
    // Given
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) ->
                exchange
                    .head(200, "application/json", Map.of())
                    .write("{\"jobs\":[]}")
                    .holdUntilClientHangsUp())) {
      connect(server, 10);

      // When
      await().atMost(WITHIN).until(() -> listener.kinds().contains("giveUp"));

      // Then
      assertThat(listener.kinds()).containsExactly("giveUp");
      assertThat(listener.of("giveUp").get(0).value())
          .isInstanceOf(ProtocolException.class)
          .asString()
          .contains("application/json");
    }
  }

  @Test
  void countsOnlyFailuresInARowTowardsGivingUp() throws Exception {
    // Given: every second connection opens, delivers an event and ends; the others fail. So a
    // failed attempt always follows an ended stream: two failures in a row, never three.
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) -> {
              if (n % 2 == 0) {
                exchange.openStream().write("id: " + n + "\ndata: x\n\n");
              } else {
                exchange.answer(503, "application/problem+json", Map.of(), "{}");
              }
            })) {
      connect(server, 3);

      // When
      await().atMost(WITHIN).until(() -> listener.events().size() >= 3);

      // Then
      assertThat(listener.kinds()).doesNotContain("giveUp");
      assertThat(server.requests().size()).isGreaterThanOrEqualTo(6);
    }
  }

  @Test
  void givesUpOnStreamsThatOpenButEndWithoutAByte() throws Exception {
    // Given: a gateway that cuts every stream right after its head
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start((n, request, exchange) -> exchange.openStream())) {
      connect(server, 3);

      // When
      await().atMost(WITHIN).until(() -> listener.kinds().contains("giveUp"));

      // Then
      assertThat(listener.kinds())
          .containsExactly("open", "disconnect", "open", "disconnect", "open", "giveUp");
      assertThat(server.requests()).hasSize(3);
    }
  }

  @Test
  void closeHangsUpAndStopsEveryCallback() throws Exception {
    // Given
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) ->
                exchange.openStream().write("data: x\n\n").holdUntilClientHangsUp())) {
      EventStreamConnection connection = connect(server, 3);
      await().atMost(WITHIN).until(() -> listener.events().size() == 1);

      // When
      connection.close();
      connection.close();

      // Then
      await().atMost(WITHIN).until(() -> server.clientHangUps() == 1);
      int callsAtClose = listener.calls().size();
      assertThat(listener.kinds()).containsExactly("open", "event");
      await()
          .during(Duration.ofMillis(300))
          .atMost(WITHIN)
          .until(() -> listener.calls().size() == callsAtClose && server.requests().size() == 1);
    }
  }

  @Test
  void closeCancelsAPendingReconnect() throws Exception {
    // Given
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) -> exchange.openStream().write("retry: 200\ndata: x\n\n"))) {
      EventStreamConnection connection = connect(server, 3);
      await().atMost(WITHIN).until(() -> listener.kinds().contains("disconnect"));

      // When
      connection.close();

      // Then
      await()
          .during(Duration.ofMillis(400))
          .atMost(WITHIN)
          .until(() -> server.requests().size() == 1);
    }
  }

  @Test
  void neverCallsTheListenerConcurrently() throws Exception {
    // Given: many small events in many small writes, across reconnects
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) -> {
              exchange.openStream();
              for (int i = 0; i < 200; i++) {
                exchange.write("id: " + (n * 1000 + i) + "\ndata: " + i + "\n\n");
              }
            })) {
      connect(server, 3);

      // When
      await().atMost(WITHIN).until(() -> listener.events().size() >= 600);

      // Then
      assertThat(listener.overlaps()).isZero();
    }
  }

  @Test
  void keepsAStreamOpenLongerThanTheRequestTimeout() throws Exception {
    // Given: the request timeout bounds the wait for the answer's head, not the stream's life
    CountDownLatch later = new CountDownLatch(1);
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) -> {
              exchange.openStream().write("data: early\n\n");
              later.await();
              exchange.write("data: late\n\n").holdUntilClientHangsUp();
            })) {
      connect(() -> HttpRequest.newBuilder(server.uri()).timeout(Duration.ofMillis(100)), 1);
      await().atMost(WITHIN).until(() -> listener.events().size() == 1);

      // When
      await()
          .during(Duration.ofMillis(300))
          .atMost(WITHIN)
          .until(() -> !listener.kinds().contains("disconnect"));
      later.countDown();

      // Then
      await().atMost(WITHIN).until(() -> listener.events().size() == 2);
      assertThat(listener.kinds()).containsExactly("open", "event", "event");
    }
  }

  @Test
  void replacesAStreamThatFallsSilentForLongerThanTheIdleTimeout() throws Exception {
    // Given: the first stream goes quiet without closing, as a lost peer's would
    try (FakeEventStreamServer server =
        FakeEventStreamServer.start(
            (n, request, exchange) -> {
              exchange.openStream().write("id: " + n + "\ndata: from " + n + "\n\n");
              exchange.holdUntilClientHangsUp();
            })) {
      connect(() -> HttpRequest.newBuilder(server.uri()), 3, Duration.ofMillis(300));

      // When
      await().atMost(WITHIN).until(() -> listener.events().size() == 2);

      // Then
      assertThat(listener.kinds()).startsWith("open", "event", "disconnect", "open", "event");
      assertThat(listener.of("disconnect").get(0).value())
          .isInstanceOf(HttpTimeoutException.class)
          .asString()
          .contains("idle timeout");
      assertThat(server.requests().get(1).header("Last-Event-ID")).isEqualTo("1");
      await().atMost(WITHIN).until(() -> server.clientHangUps() >= 1);
    }
  }
}
