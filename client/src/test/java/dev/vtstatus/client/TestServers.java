package dev.vtstatus.client;

import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerConfig;
import java.util.function.UnaryOperator;

/** Starts a real server on 127.0.0.1, port 0, for one test body, and always stops it. */
final class TestServers {
  private TestServers() {}

  /** What a test does with a running server. */
  @FunctionalInterface
  interface ServerTest {
    void run(JobServer server) throws Exception;
  }

  /** Runs {@code test} against a server configured by {@code config}, then closes the server. */
  static void withServer(UnaryOperator<ServerConfig.Builder> config, ServerTest test) throws Exception {
    ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0);
    try (JobServer server = JobServer.create(config.apply(builder).build()).start()) {
      test.run(server);
    }
  }
}
