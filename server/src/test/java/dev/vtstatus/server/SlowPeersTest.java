package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.server.internal.http.ConnectionGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Slow and greedy peers: headers that never finish, and more connections than the cap. */
class SlowPeersTest {
  private static final Duration HEADER_TIMEOUT = Duration.ofMillis(300);
  private static final Duration BOUND = Duration.ofSeconds(5);

  private static Socket trickle(JobServer server, String start) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout((int) BOUND.toMillis());
    socket.getOutputStream().write(start.getBytes(StandardCharsets.ISO_8859_1));
    return socket;
  }

  /** Returns whether the server has closed {@code socket}: a short read sees the end of the stream. */
  private static boolean closedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(20);
    try {
      InputStream in = socket.getInputStream();
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void unfinishedHeadersAreAnswered408AndClosedWhileCompleteRequestsWait() throws Exception {
    test(ServerTesting.fastConfig().headerTimeout(HEADER_TIMEOUT), (server, http) -> {
      // Given a long poll whose headers are in, held longer than the header timeout
      Job job = http.create("{\"simulate\":{\"duration_ms\":60000}}");
      var poll = http.client().sendAsync(http.request("/v1/jobs/" + job.jobId() + "?wait=1").GET().build(),
          HttpResponse.BodyHandlers.ofString());

      // When a peer sends half its headers and stalls
      long start = System.nanoTime();
      try (Socket slow = trickle(server, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1")) {
        RawHttp.Answer answer = RawHttp.read(slow, false);

        // Then it gets 408 and the end of the connection, after the timeout
        assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 408 Request Timeout");
        assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(HEADER_TIMEOUT);
      }
      HttpResponse<String> held = poll.get();
      assertThat(held.statusCode()).isEqualTo(200);
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    });
  }

  @Test
  void aPipelinedRequestWhoseHeadersStallIsAnswered408AfterTheAnswerBeforeIt() throws Exception {
    test(ServerTesting.fastConfig().headerTimeout(HEADER_TIMEOUT), (server, http) -> {
      // Given one whole request and the start of a second in one write (every line but the blank
      // one that ends the headers), then nothing more
      try (Socket slow = trickle(server, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
          + "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n")) {
        // When / Then the first is answered, and the second gets 408 and the end of the connection
        assertThat(RawHttp.read(slow, false).status()).isEqualTo(200);
        RawHttp.Answer second = RawHttp.read(slow, false);
        assertThat(second.statusLine()).isEqualTo("HTTP/1.1 408 Request Timeout");
        assertThat(second.header("content-type")).isEqualTo("application/problem+json");
        assertThat(RawHttp.read(slow, false).ending()).isEqualTo(RawHttp.Ending.CLOSED);
      }
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    });
  }

  @Test
  void aPipelinedLongPollIsNotTimedOutByTheStalledHeadersBehindIt() throws Exception {
    test(ServerTesting.fastConfig().headerTimeout(HEADER_TIMEOUT), (server, http) -> {
      // Given a long poll held three header timeouts, pipelined with the start of a third request
      Job job = http.create("{\"simulate\":{\"duration_ms\":60000}}");
      long start = System.nanoTime();
      try (Socket slow = trickle(server, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
          + "GET /v1/jobs/" + job.jobId() + "?wait=" + HEADER_TIMEOUT.multipliedBy(3).toMillis() / 1000.0
          + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
          + "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1")) {
        // When / Then the long poll is answered at the end of its wait, then the stalled one gets 408
        assertThat(RawHttp.read(slow, false).status()).isEqualTo(200);
        RawHttp.Answer poll = RawHttp.read(slow, false);
        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.body()).contains(job.jobId());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(HEADER_TIMEOUT.multipliedBy(3));
        assertThat(RawHttp.read(slow, false).statusLine()).isEqualTo("HTTP/1.1 408 Request Timeout");
      }
    });
  }

  @Test
  void idleKeepAliveConnectionsAndOpenStreamsOutliveTheHeaderTimeout() throws Exception {
    test(ServerTesting.fastConfig().headerTimeout(HEADER_TIMEOUT), (server, http) -> {
      // Given a connection that finished one request, and an open event stream
      try (Socket idle = trickle(server, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
          RecordingEventStream stream = RecordingEventStream.open(http, "/v1/events")) {
        assertThat(RawHttp.read(idle, false).status()).isEqualTo(200);

        // When
        Job job = http.create("{}");

        // Then both stay open well past the timeout, and the stream still carries events
        await().during(HEADER_TIMEOUT.multipliedBy(3)).atMost(BOUND).until(() -> !closedByServer(idle));
        await().atMost(BOUND).until(() -> !stream.jobEvents(job.jobId()).isEmpty());
        assertThat(server.stats().openEventStreams()).isEqualTo(1);
      }
    });
  }

  @Test
  void connectionsOverTheCapAreClosedWithALogLineAndOthersAreServedOnceSomeClose() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(ConnectionGuard.class);
    log.start();
    logger.addAppender(log);
    try {
      test(ServerTesting.fastConfig().maxConnections(4), (server, http) -> {
        // Given the cap taken by idle connections
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          held.add(trickle(server, ""));
        }
        await().atMost(BOUND).until(() -> server.stats().openConnections() == 4);

        // When one more connects
        try (Socket extra = trickle(server, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) {
          // Then it is closed without an answer, and the cap is logged
          assertThat(RawHttp.read(extra, false).ending()).isEqualTo(RawHttp.Ending.CLOSED);
        }
        await().atMost(BOUND).until(() -> log.list.stream()
            .anyMatch(e -> e.getFormattedMessage().startsWith("connection cap reached: 4 connections open, cap 4")));

        // And once the idle ones go, others are served
        for (Socket socket : held) {
          socket.close();
        }
        await().atMost(BOUND).until(() -> server.stats().openConnections() == 0);
        assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
      });
    } finally {
      logger.detachAppender(log);
    }
  }
}
