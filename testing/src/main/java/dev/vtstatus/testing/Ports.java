package dev.vtstatus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Loopback ports for tests that need one nothing listens on: to point a client at a dead address,
 * or to start a process of their own (such as a {@code redis-server}) on a port they name.
 * Stateless and thread-safe.
 */
public final class Ports {
  private Ports() {}

  /**
   * Returns a port on 127.0.0.1 that was just bound and closed again, so nothing listens there
   * until something else takes it.
   */
  public static int unused() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a free loopback port", e);
    }
  }

  /** Returns {@code http://127.0.0.1:PORT} for an {@link #unused()} port: a URL that refuses connections. */
  public static String unreachableUrl() {
    return "http://127.0.0.1:" + unused();
  }
}
