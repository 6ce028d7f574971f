package dev.vtstatus.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A misbehaving HTTP server on a loopback socket, for testing that a client gives up on time and
 * reads bounded amounts: one that accepts connections and never answers, one that sends a body
 * without end, or one that answers every request the same. It binds 127.0.0.1 on a free port,
 * serves each connection on its own daemon thread, and {@link #close()} stops it and every
 * connection. Thread-safe.
 *
 * <pre>{@code
 * try (RawHttpServer silent = RawHttpServer.silent()) {
 *   client.baseUrl(silent.url()) ... // expect a timeout
 * }
 * }</pre>
 */
public final class RawHttpServer implements AutoCloseable {
  /** The most an endless body sends, so a client that never stops reading cannot run the test forever. */
  public static final long ENDLESS_BODY_BOUND = 1L << 31;

  private enum Mode { SILENT, ENDLESS, FIXED }

  private final ServerSocket socket;
  private final Mode mode;
  private final byte[] fixedAnswer;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicLong bodyBytesWritten = new AtomicLong();
  private final AtomicBoolean bodyStopped = new AtomicBoolean();
  private volatile boolean closed;

  private RawHttpServer(Mode mode, byte[] fixedAnswer) {
    this.mode = mode;
    this.fixedAnswer = fixedAnswer;
    try {
      this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::acceptLoop, "raw-http-accept-" + socket.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Returns a server that accepts every connection and never sends a byte. */
  public static RawHttpServer silent() {
    return new RawHttpServer(Mode.SILENT, null);
  }

  /**
   * Returns a server that answers {@code 200} with a JSON content type and no length, then sends
   * body bytes until the client stops reading (or {@link #ENDLESS_BODY_BOUND} bytes).
   */
  public static RawHttpServer endlessBody() {
    return new RawHttpServer(Mode.ENDLESS, null);
  }

  /** Returns a server that answers every request with this status, content type and body. */
  public static RawHttpServer answering(int status, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " Answer\r\n"
        + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
        + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
    byte[] answer = Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), head.length() + bytes.length);
    System.arraycopy(bytes, 0, answer, head.length(), bytes.length);
    return new RawHttpServer(Mode.FIXED, answer);
  }

  /** Returns the server's base URL, {@code http://127.0.0.1:PORT}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  /** Returns how many connections were accepted. */
  public int accepted() {
    return accepted.get();
  }

  /** Returns how many body bytes the endless body has written so far. */
  public long bodyBytesWritten() {
    return bodyBytesWritten.get();
  }

  /** Returns whether the endless body stopped because the client stopped reading or closed. */
  public boolean bodyStopped() {
    return bodyStopped.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = socket.accept();
        connections.add(s);
        accepted.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "raw-http-" + s.getPort());
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      if (mode == Mode.SILENT) {
        // Reads the request so the client's send completes, then holds the connection, answering nothing.
        while (in.read() >= 0) {
          // keep reading until the client gives up
        }
        return;
      }
      skipHeaders(in);
      OutputStream out = s.getOutputStream();
      if (mode == Mode.FIXED) {
        out.write(fixedAnswer);
        out.flush();
        // Closing with a request body unread would reset the connection before the client reads
        // the answer: end the output, then drain what the client still sends until it closes.
        s.shutdownOutput();
        while (in.read() >= 0) {
          // drain
        }
        return;
      }
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[16 * 1024];
      Arrays.fill(chunk, (byte) ' ');
      chunk[0] = '[';
      while (bodyBytesWritten.get() < ENDLESS_BODY_BOUND) {
        out.write(chunk);
        bodyBytesWritten.addAndGet(chunk.length);
        chunk[0] = ' ';
      }
    } catch (IOException stoppedReading) {
      bodyStopped.set(true);
    }
  }

  /** Reads up to the blank line that ends a request's headers (GET requests carry no body here). */
  private static void skipHeaders(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < end.length && (b = in.read()) >= 0) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  /** Stops accepting and closes every connection. */
  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : connections) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
