package dev.vtstatus.client.it;

import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.testing.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import redis.embedded.RedisServer;

/**
 * A real {@code redis-server} (bundled by embedded-redis, nothing kept on disk) and replicas of the
 * simulator sharing it, each on 127.0.0.1 and a free port. A stopped replica can be started again on
 * its port. Closing stops every replica still running, then Redis. Not thread-safe.
 */
final class ReplicasOnRedis implements AutoCloseable {
  private final RedisServer redis;
  private final List<JobServer> servers = new ArrayList<>();
  private final ServerConfig.Builder config;

  /** Starts Redis and {@code count} replicas of {@code config}. */
  ReplicasOnRedis(ServerConfig.Builder config, int count) throws IOException {
    int port = Ports.unused();
    redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
        .setting("save \"\"").setting("appendonly no").build();
    redis.start();
    this.config = config.store("redis://127.0.0.1:" + port).host("127.0.0.1");
    ServerConfig shared = config.port(0).build();
    for (int i = 0; i < count; i++) {
      servers.add(JobServer.create(shared).start());
    }
  }

  /** Returns replica {@code i}. */
  JobServer get(int i) {
    return servers.get(i);
  }

  /** Starts replica {@code i}, stopped before, again on the same port and Redis. */
  void restart(int i) {
    servers.set(i, JobServer.create(config.port(servers.get(i).port()).build()).start());
  }

  /** Returns every replica's base URL, in start order. */
  List<URI> urls() {
    return servers.stream().map(JobServer::url).toList();
  }

  @Override
  public void close() {
    servers.forEach(JobServer::close);
    try {
      redis.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
