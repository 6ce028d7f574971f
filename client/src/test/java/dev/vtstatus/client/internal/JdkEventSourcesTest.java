package dev.vtstatus.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.client.ProtocolMode;
import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.client.internal.wait.EventSource;
import dev.vtstatus.client.internal.wait.Replicas;
import dev.vtstatus.client.internal.sse.EventStreamConnection;
import dev.vtstatus.client.internal.sse.ServerSentEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class JdkEventSourcesTest {

  /** Accepts connections on 127.0.0.1 and never answers them. */
  private static final class FakeSilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    FakeSilentServer() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(socket.accept());
          }
        } catch (IOException closed) {
          // the server was closed: stop accepting
        }
      }, "silent-server");
      acceptor.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    int connections() {
      return accepted.size();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : accepted) {
        s.close();
      }
      try {
        acceptor.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static ClientConfig config(URI baseUrl, Duration requestTimeout) {
    return new ClientConfig(List.of(baseUrl), null, Duration.ofSeconds(30), 1, requestTimeout,
        WaitStrategy.events(), 0, Clock.systemUTC(), null, null, null, null, List.of(), ProtocolMode.V1, 1, ClientConfig.Limits.DEFAULT, null);
  }

  @Test
  void aServerThatAcceptsButNeverAnswersFailsTheConnectAfterTheRequestTimeout() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (FakeSilentServer server = new FakeSilentServer()) {
      // Given: a stream on a server that takes the connection and then says nothing
      CompletableFuture<Throwable> gaveUp = new CompletableFuture<>();
      ClientConfig config = config(server.url(), Duration.ofMillis(300));
      WaitListener none = new WaitListener() {};
      EventSource source = new JdkEventSources(config, http, scheduler, none,
          new Replicas(config.baseUrls(), Clock.systemUTC(), none, base -> CompletableFuture.completedFuture(true))).create(new EventStreamConnection.Listener() {
            @Override
            public void onOpen(boolean resumed) {}

            @Override
            public void onEvent(ServerSentEvent event) {}

            @Override
            public void onDisconnect(Throwable cause, Duration reconnectIn) {}

            @Override
            public void onGiveUp(Throwable cause) {
              gaveUp.complete(cause);
            }
          });

      // When
      source.start();

      // Then: the connect fails (here given up after one failure, as maxRetries is 1)
      await().atMost(Duration.ofSeconds(10)).until(gaveUp::isDone);
      assertThat(gaveUp.join()).isInstanceOf(HttpTimeoutException.class);
      assertThat(server.connections()).isEqualTo(1);
      source.close();
    } finally {
      scheduler.shutdownNow();
    }
  }
}
