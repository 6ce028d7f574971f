package dev.vtstatus.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import redis.embedded.RedisServer;

/**
 * A real {@code redis-server} (the binary bundled by embedded-redis) on a free loopback port, for
 * the tests of one class; {@link RedisPerClass} starts it before the class, {@link #flush()}es it
 * before each test and {@link #close()}s it after. Nothing is saved to disk.
 */
public final class EmbeddedRedis implements AutoCloseable {
  private final RedisServer server;
  private final int port;

  private EmbeddedRedis(int port) throws IOException {
    this.port = port;
    this.server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
        .setting("save \"\"").setting("appendonly no").build();
    server.start();
  }

  /** Starts a Redis on a free port. */
  public static EmbeddedRedis start() {
    try {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      return new EmbeddedRedis(port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the bundled redis-server", e);
    }
  }

  /** Returns the URL of the Redis, e.g. {@code redis://127.0.0.1:40123}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Forgets everything, so that the next test starts from an empty Redis. */
  public void flush() {
    command("FLUSHALL");
  }

  /** Stops Redis, as if it went away; {@link #restart()} brings it back on the same port. */
  public void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts Redis again on its port after {@link #stop()}; it comes back empty. */
  public void restart() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one inline command (arguments without spaces) and returns Redis's first answer line. */
  public String command(String inline) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
      byte[] buffer = new byte[512];
      int read = socket.getInputStream().read(buffer);
      return read <= 0 ? "" : new String(buffer, 0, read, StandardCharsets.UTF_8).lines().findFirst().orElse("");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops Redis if it runs. */
  @Override
  public void close() {
    if (server.isActive()) {
      stop();
    }
  }
}
