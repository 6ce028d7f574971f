package dev.vtstatus.bench;

import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerConfig;
import java.net.URI;
import java.util.OptionalLong;

/**
 * A fresh {@link JobServer} in this JVM, on 127.0.0.1 and a free port, asked directly for its
 * counters. Its threads are told apart by name (Vert.x names them {@code vert.x-...}).
 */
final class EmbeddedBenchServer implements BenchServer {

  private final JobServer server;

  private EmbeddedBenchServer(JobServer server) {
    this.server = server;
  }

  /** Starts a server for {@code config}'s jobs; {@code seedProtocolOnly} serves only the seed routes. */
  static EmbeddedBenchServer start(BenchConfig config, boolean seedProtocolOnly) {
    return new EmbeddedBenchServer(JobServer.create(serverConfig(config, seedProtocolOnly)).start());
  }

  /** Returns the server configuration a benchmark uses: same seed and delays as the run. */
  static ServerConfig serverConfig(BenchConfig config, boolean seedProtocolOnly) {
    return ServerConfig.builder()
        .host("127.0.0.1")
        .port(0)
        .minDelay(config.minDelay())
        .maxDelay(config.maxDelay())
        .errorProbability(config.errorProbability())
        .seed(config.seed())
        .maxJobs(Math.max(100_000, config.jobs() * 2))
        .seedProtocolOnly(seedProtocolOnly)
        .build();
  }

  @Override
  public URI url() {
    return server.url();
  }

  @Override
  public String kind() {
    return "embedded";
  }

  @Override
  public OptionalLong statusRequests() {
    return OptionalLong.of(server.stats().statusRequests());
  }

  /** Returns true for the names Vert.x gives its threads. */
  static boolean isServerThread(String name) {
    return name.startsWith("vert.x-") || name.startsWith("vertx-") || name.contains("vtstatus-server");
  }

  @Override
  public void close() {
    server.close();
  }
}
