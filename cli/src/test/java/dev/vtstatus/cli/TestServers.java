package dev.vtstatus.cli;

import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * The one place tests start servers: on 127.0.0.1, port 0, with short jobs. Use in
 * try-with-resources so the server always stops.
 */
final class TestServers {
  private TestServers() {}

  /** Returns a config builder for a fast test server: jobs of 50 to 200 ms, no errors. */
  static ServerConfig.Builder fast() {
    return ServerConfig.builder()
        .host("127.0.0.1")
        .port(0)
        .minDelay(Duration.ofMillis(50))
        .maxDelay(Duration.ofMillis(200))
        .errorProbability(0.0)
        .seed(42L);
  }

  /** Starts a server with {@code config}; close it when done. */
  static JobServer start(ServerConfig.Builder config) {
    return JobServer.create(config.build()).start();
  }

  /** Returns the URL of a loopback port that was just bound and closed, so nothing listens there. */
  static String unreachableUrl() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
