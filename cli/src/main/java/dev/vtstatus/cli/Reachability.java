package dev.vtstatus.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Checks that something listens at a server's address before a command starts talking to it, so
 * that a server that is not running is reported at once instead of after the client's retries.
 * Stateless and thread-safe.
 */
final class Reachability {
  /** How long a TCP connect may take before the server counts as unreachable. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private Reachability() {}

  /**
   * Opens and closes one TCP connection to {@code url}'s host and port.
   *
   * @throws CliFailure saying what to do when nothing answers there
   */
  static void check(URI url) {
    int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(url.getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
    } catch (ConnectException refused) {
      throw new CliFailure("cannot reach " + url + ": connection refused; " + Failures.START_ONE,
          ExitCode.SERVER, refused);
    } catch (UnknownHostException unknown) {
      throw new CliFailure("cannot reach " + url + ": unknown host " + url.getHost() + "; check --url",
          ExitCode.SERVER, unknown);
    } catch (SocketTimeoutException slow) {
      throw new CliFailure("cannot reach " + url + ": no answer within "
          + Formats.duration(CONNECT_TIMEOUT) + "; " + Failures.START_ONE, ExitCode.SERVER, slow);
    } catch (IOException other) {
      throw new CliFailure("cannot reach " + url + ": " + other.getMessage() + "; "
          + Failures.START_ONE, ExitCode.SERVER, other);
    }
  }
}
