package dev.vtstatus.cli;

import dev.vtstatus.client.ClientMetrics;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.server.ServerStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /**
   * Returns the running replica that holds most of the client's waits now: the one with its event
   * stream open, else the one with the most long polls parked, else the first running one.
   */
  int holdingWaits() {
    int best = -1;
    long bestScore = -1;
    for (int i = 0; i < servers.size(); i++) {
      if (alive.get(i)) {
        ServerStats stats = servers.get(i).stats();
        long score = stats.openEventStreams() * 1_000_000L + stats.parkedLongPolls();
        if (score > bestScore) {
          best = i;
          bestScore = score;
        }
      }
    }
    return best;
  }

  /**
   * Prints the requests the client sent to each replica (every replica, in start order, zeros
   * included), its switches, and whether every job was reported exactly once.
   */
  void printSpread(PrintWriter out, List<Job> finals, ClientMetrics metrics, Map<String, Integer> reports) {
    List<String> counts = new ArrayList<>();
    for (String url : urls()) {
      URI u = URI.create(url);
      String key = u.getScheme() + "://" + u.getRawAuthority();
      counts.add(url + " " + metrics.replicaRequests().getOrDefault(key, 0L));
    }
    long switches = metrics.replicaSwitches();
    out.println("Requests per replica: " + String.join(", ", counts) + "; "
        + switches + (switches == 1 ? " switch" : " switches"));
    long ended = finals.stream().filter(Job::isTerminal).count();
    long once = finals.stream().filter(job -> reports.getOrDefault(job.jobId(), 0) == 1).count();
    out.println("Jobs: " + finals.size() + " created, " + ended + " ended, "
        + (finals.size() - ended) + " lost, " + once + " reported exactly once");
  }

  /** Stops replica {@code i}; its jobs live on in Redis and the others take over its work. */
  void kill(int i) {
    servers.get(i).close();
    alive.set(i, false);
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
