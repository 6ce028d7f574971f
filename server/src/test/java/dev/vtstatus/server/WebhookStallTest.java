package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.testing.RecordingWebhookReceiver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A receiver that sends headers and stalls does not hold its delivery, or anyone else's. */
class WebhookStallTest {
  private static final Duration BOUND = Duration.ofSeconds(5);

  /** Answers its first request with headers and never the body; later ones in full. Records ids. */
  private static final class StallingReceiver implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final List<String> webhookIds = new CopyOnWriteArrayList<>();
    final List<Socket> held = new CopyOnWriteArrayList<>();
    final Thread thread = new Thread(this::serve, "stalling-receiver");

    StallingReceiver() throws IOException {
      thread.setDaemon(true);
      thread.start();
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
    }

    private void serve() {
      try {
        while (true) {
          Socket client = socket.accept();
          String head = head(client.getInputStream());
          webhookIds.add(head.lines().filter(l -> l.toLowerCase().startsWith("webhook-id:"))
              .map(l -> l.substring(11).trim()).findFirst().orElse(""));
          if (webhookIds.size() == 1) {
            client.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{".getBytes(StandardCharsets.ISO_8859_1));
            held.add(client);
          } else {
            client.getOutputStream().write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            client.close();
          }
        }
      } catch (IOException e) {
        // closed by the test
      }
    }

    private static String head(InputStream in) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (!out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        out.write(b);
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aDeliveryStalledAfterItsHeadersTimesOutAndIsRetriedWhileOthersAreDelivered() throws Exception {
    try (StallingReceiver stalling = new StallingReceiver();
        RecordingWebhookReceiver healthy = RecordingWebhookReceiver.start()) {
      // the timeout leaves a healthy first delivery (cold code paths, a busy machine) time to finish
      test(ServerTesting.fastConfig().webhookTimeout(Duration.ofSeconds(1)), (server, http) -> {
        // Given
        String stalled = http.create("{\"callback_url\":\"" + stalling.url() + "\",\"simulate\":{\"duration_ms\":20}}").jobId();

        // When another job's webhook goes to a healthy receiver
        String other = http.create("{\"callback_url\":\"" + healthy.url() + "\",\"simulate\":{\"duration_ms\":20}}").jobId();

        // Then that one is delivered at once, and the stalled one is retried and delivered
        await().atMost(BOUND).until(() -> healthy.deliveries().size() == 1);
        assertThat(healthy.deliveries().get(0).header("webhook-id")).isEqualTo("msg_" + other);
        await().atMost(BOUND).until(() -> stalling.webhookIds.size() == 2);
        assertThat(stalling.webhookIds).containsOnly("msg_" + stalled);
        await().atMost(BOUND).until(() -> http.get("/metrics").body()
            .contains("vtstatus_webhooks_total{result=\"delivered\"} 2.0"));
        assertThat(http.get("/metrics").body()).doesNotContain("vtstatus_webhooks_total{result=\"attempt_failed\"} 0.0")
            .contains("vtstatus_webhooks_total{result=\"abandoned\"} 0.0");
      });
    }
  }
}
