package dev.vtstatus.server;

import java.time.Duration;

/**
 * Starts a {@link JobServer} on 127.0.0.1, port 0, for one test and always closes it, whatever the
 * test does. When the test body passes, every answer it received is checked against
 * docs/openapi.yaml ({@link TestHttp#checkAnswers()}).
 */
final class ServerTesting {
  /** A test body that gets the running server and an HTTP client for it. */
  @FunctionalInterface
  interface ServerTest {
    void run(JobServer server, TestHttp http) throws Exception;
  }

  private ServerTesting() {}

  /** Returns a config with short jobs (100 to 200 ms), no errors and a fixed seed. */
  static ServerConfig.Builder fastConfig() {
    return ServerConfig.builder()
        .minDelay(Duration.ofMillis(100))
        .maxDelay(Duration.ofMillis(200))
        .errorProbability(0)
        .seed(42L);
  }

  /** Runs {@code test} against a server built from {@code config}, then closes the server. */
  static void test(ServerConfig.Builder config, ServerTest test) throws Exception {
    try (JobServer server = JobServer.create(config.host("127.0.0.1").port(0).build()).start()) {
      TestHttp http = new TestHttp(server.url());
      test.run(server, http);
      http.checkAnswers();
    }
  }

  /** Runs {@code test} against a server with {@link #fastConfig()}. */
  static void test(ServerTest test) throws Exception {
    test(fastConfig(), test);
  }
}
