package dev.vtstatus.bench;

import java.net.URI;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * A server a strategy runs against, and the server's own count of status requests. Implementations
 * say whether they can be asked. Used by one benchmark thread at a time.
 */
interface BenchServer extends AutoCloseable {

  /** Returns where the server listens. */
  URI url();

  /**
   * Returns the base URLs of every replica, {@link #url()} first; one URL for a single server. The
   * benchmark spreads its jobs over them, as a load balancer would.
   */
  default List<URI> urls() {
    return List.of(url());
  }

  /** Returns how the server runs: {@code embedded}, {@code forked}, {@code url} or {@code redis-N}. */
  String kind();

  /** Returns the server's count of status requests so far, if it can be asked. */
  OptionalLong statusRequests();

  /**
   * Returns where {@link #statusRequests()} comes from: {@code server} (the default: asked
   * directly) or {@code server-metrics}.
   */
  default String countSource() {
    return "server";
  }

  /**
   * Returns true for the names of threads that belong to the server, not to the client; the
   * default: the names Vert.x gives its threads, for a server in this JVM.
   */
  default Predicate<String> serverThread() {
    return EmbeddedBenchServer::isServerThread;
  }

  /** Stops the server if this benchmark started it; idempotent. */
  @Override
  void close();
}
