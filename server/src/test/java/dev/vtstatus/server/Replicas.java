package dev.vtstatus.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Servers on one Redis that act as one, for a test: each replica a {@link JobServer} started with
 * {@code ServerConfig.builder().store(redisUrl)}, on 127.0.0.1 and a free port. Closing closes
 * every replica still running.
 */
final class Replicas implements AutoCloseable {
  private final ServerConfig.Builder config;
  private final List<JobServer> servers = new ArrayList<>();

  /** Starts {@code count} replicas of {@code config} on the Redis at {@code redisUrl}. */
  Replicas(ServerConfig.Builder config, String redisUrl, int count) {
    this.config = config.store(redisUrl).host("127.0.0.1").port(0);
    for (int i = 0; i < count; i++) {
      add();
    }
  }

  /** Starts one more replica and returns it. */
  JobServer add() {
    JobServer server = JobServer.create(config.build()).start();
    servers.add(server);
    return server;
  }

  /** Returns replica {@code i}. */
  JobServer get(int i) {
    return servers.get(i);
  }

  /** Returns an HTTP client of replica {@code i}. */
  TestHttp http(int i) {
    return new TestHttp(servers.get(i).url());
  }

  @Override
  public void close() {
    servers.forEach(JobServer::close);
  }
}
