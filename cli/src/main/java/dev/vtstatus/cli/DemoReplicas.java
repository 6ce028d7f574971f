package dev.vtstatus.cli;

import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import redis.embedded.RedisServer;

/**
 * The servers of {@code vtstatus demo --replicas N}: a real {@code redis-server} (the binary the
 * embedded-redis library bundles) on a free loopback port, keeping nothing on disk, and N replicas
 * of the simulator on free ports sharing it as their store. {@link #kill(int)} stops one replica
 * the way a crash would look to its clients (its listening socket and open connections close);
 * {@link #close()} stops the rest, then Redis. Not thread-safe.
 */
final class DemoReplicas implements AutoCloseable {
  private final RedisServer redis;
  private final String redisUrl;
  private final List<JobServer> servers = new ArrayList<>();
  private final List<Boolean> alive = new ArrayList<>();

  private DemoReplicas(RedisServer redis, String redisUrl) {
    this.redis = redis;
    this.redisUrl = redisUrl;
  }

  /**
   * Starts Redis and {@code count} replicas of {@code config} on it.
   *
   * @throws CliFailure when Redis or a replica cannot start
   */
  static DemoReplicas start(ServerConfig.Builder config, int count) {
    int port = freePort();
    RedisServer redis;
    try {
      redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
          .setting("save \"\"").setting("appendonly no").build();
      redis.start();
    } catch (IOException | RuntimeException e) {
      throw new CliFailure("cannot start the bundled redis-server: " + e.getMessage(), ExitCode.FAILED, e);
    }
    DemoReplicas replicas = new DemoReplicas(redis, "redis://127.0.0.1:" + port);
    try {
      ServerConfig shared = config.store(replicas.redisUrl).host("127.0.0.1").port(0).build();
      for (int i = 0; i < count; i++) {
        replicas.servers.add(JobServer.create(shared).start());
        replicas.alive.add(true);
      }
      return replicas;
    } catch (RuntimeException e) {
      replicas.close();
      throw e;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the Redis URL the replicas share. */
  String redisUrl() {
    return redisUrl;
  }

  /** Returns the replicas' base URLs, in start order. */
  List<String> urls() {
    return servers.stream().map(s -> s.url().toString()).toList();
  }

  /** Stops replica {@code i}; its jobs live on in Redis and the others take over its work. */
  void kill(int i) {
    servers.get(i).close();
    alive.set(i, false);
  }

  /** Returns whether replica {@code i} still runs. */
  boolean alive(int i) {
    return alive.get(i);
  }

  @Override
  public void close() {
    servers.forEach(JobServer::close);
    try {
      if (redis.isActive()) {
        redis.stop();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
