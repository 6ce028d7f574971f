package dev.vtstatus.bench;

import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import redis.embedded.RedisServer;

/**
 * Replicas of the server in this JVM sharing one real Redis (the {@code redis-server} binary the
 * embedded-redis library bundles, on a free loopback port, nothing kept on disk); the status
 * requests are the sum of every replica's count. Used by one benchmark thread at a time.
 */
final class ReplicatedBenchServer implements BenchServer {
  private final RedisServer redis;
  private final List<JobServer> servers = new ArrayList<>();

  private ReplicatedBenchServer(RedisServer redis) {
    this.redis = redis;
  }

  /** Starts Redis and {@code replicas} servers for {@code config}'s jobs on it. */
  static ReplicatedBenchServer start(BenchConfig config, int replicas) {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ReplicatedBenchServer server;
    try {
      RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
          .setting("save \"\"").setting("appendonly no").build();
      redis.start();
      server = new ReplicatedBenchServer(redis);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the bundled redis-server", e);
    }
    ServerConfig shared = EmbeddedBenchServer.serverConfig(config, false).toBuilder()
        .store("redis://127.0.0.1:" + port).build();
    try {
      for (int i = 0; i < replicas; i++) {
        server.servers.add(JobServer.create(shared).start());
      }
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  @Override
  public URI url() {
    return servers.get(0).url();
  }

  @Override
  public List<URI> urls() {
    return servers.stream().map(JobServer::url).toList();
  }

  @Override
  public String kind() {
    return "redis-" + servers.size();
  }

  @Override
  public OptionalLong statusRequests() {
    return OptionalLong.of(servers.stream().mapToLong(s -> s.stats().statusRequests()).sum());
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
