package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A replay goes out under the per-stream limit: a reader gets all of it, a non-reader is cut. */
class ReplayBackPressureTest {
  /**
   * Only a guard against a hang: reading and parsing an 8 MB replay is a few hundred milliseconds
   * on an idle machine and took over 10 s on a two-core machine running several builds.
   */
  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final int JOBS = 200;

  @Test
  void replayToAClientThatNeverReadsIsCutWhileAReadingClientGetsEveryEvent() throws Exception {
    ServerConfig.Builder config = ServerTesting.fastConfig()
        .minDelay(Duration.ofMinutes(10)).maxDelay(Duration.ofMinutes(10))
        .heartbeat(Duration.ofMillis(200));
    test(config, (server, http) -> {
      // Given 200 buffered events of about 40 KB each: a replay of 8 MB, more than the 64 KiB
      // limit and the kernel's socket buffers together
      String metadata = "{\"metadata\":{\"blob\":\"" + "b".repeat(40_000) + "\"}}";
      for (int i = 0; i < JOBS; i++) {
        http.create(metadata);
      }

      // When one client asks for the whole replay and never reads, and another reads it
      try (Socket silent = new Socket();
          RecordingEventStream reader = RecordingEventStream.open(http, "/v1/events", "Last-Event-ID", "0")) {
        silent.setReceiveBufferSize(4096);
        silent.connect(new InetSocketAddress("127.0.0.1", server.port()));
        silent.getOutputStream().write(
            "GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nLast-Event-ID: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

        // Then the reader gets every event once, in order, and the silent one is cut
        await().atMost(BOUND).until(() -> reader.jobEvents().size() == JOBS);
        List<Long> ids = reader.jobEvents().stream().map(e -> Long.parseLong(e.id())).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize(JOBS);
        await().atMost(BOUND).until(() -> server.stats().openEventStreams() == 1);
        assertThat(http.create("{}").jobId()).isNotBlank();
        await().atMost(BOUND).until(() -> reader.jobEvents().size() == JOBS + 1);
      }
    });
  }
}
