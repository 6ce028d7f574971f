package dev.vtstatus.client.internal.sse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted HTTP/1.1 server on 127.0.0.1 and a free port, for event-stream tests: each connection
 * is handed to a {@link Script} with its number (from 1) and request, which writes whatever bytes
 * it likes and may drop the connection at any point. Start it in try-with-resources; {@link
 * #close()} closes every socket and stops every thread.
 */
final class FakeEventStreamServer implements AutoCloseable {
  private final ServerSocket socket;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Script script;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger clientHangUps = new AtomicInteger();

  private FakeEventStreamServer(Script script) throws IOException {
    this.script = script;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** Starts a server that answers each connection with the script. */
  static FakeEventStreamServer start(Script script) throws IOException {
    return new FakeEventStreamServer(script);
  }

  /** Returns the stream's address. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1/events");
  }

  /** Returns every request received so far, in order. */
  List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Returns how many held-open streams the client has hung up. */
  int clientHangUps() {
    return clientHangUps.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : open) {
      s.close();
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        open.add(client);
        int number = connections.incrementAndGet();
        threads.execute(() -> serve(number, client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(int number, Socket client) {
    try (client) {
      RecordedRequest request = read(client.getInputStream());
      requests.add(request);
      script.serve(number, request, new Exchange(client));
    } catch (Exception ignored) {
      // The client went away or the server closed: either way this connection is done.
    } finally {
      open.remove(client);
    }
  }

  private static RecordedRequest read(InputStream in) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
    String requestLine = reader.readLine();
    Map<String, String> headers = new TreeMap<>();
    String line;
    while ((line = reader.readLine()) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    return new RecordedRequest(requestLine, headers);
  }

  /** What the server does with one connection. */
  @FunctionalInterface
  interface Script {
    /** AnswerReader connection number {@code number} (from 1); returning closes the connection. */
    void serve(int number, RecordedRequest request, Exchange exchange) throws Exception;
  }

  /**
   * A request as received.
   *
   * @param requestLine for example {@code GET /v1/events HTTP/1.1}
   * @param headers header values by lowercase name
   */
  record RecordedRequest(String requestLine, Map<String, String> headers) {
    /** Returns a header's value by case-insensitive name, or null. */
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Writes the answer of one connection. */
  final class Exchange {
    private final Socket client;
    private final OutputStream out;

    Exchange(Socket client) throws IOException {
      this.client = client;
      this.out = client.getOutputStream();
    }

    /** Starts an event stream: 200, {@code text/event-stream}, body until the connection closes. */
    Exchange openStream() throws IOException {
      return head(200, "text/event-stream", Map.of());
    }

    /** Writes a status line and headers; the body runs until the connection closes. */
    Exchange head(int status, String contentType, Map<String, String> headers) throws IOException {
      StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " Status\r\n");
      head.append("Content-Type: ").append(contentType).append("\r\n");
      head.append("Connection: close\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("\r\n");
      return write(head.toString());
    }

    /** Writes a complete answer with a body, which the script then ends by returning. */
    void answer(int status, String contentType, Map<String, String> headers, String body)
        throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " Status\r\n");
      head.append("Content-Type: ").append(contentType).append("\r\n");
      head.append("Content-Length: ").append(bytes.length).append("\r\n");
      head.append("Connection: close\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
    }

    /** Writes body text as UTF-8 and flushes it. */
    Exchange write(String text) throws IOException {
      return write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes raw body bytes and flushes them. */
    Exchange write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
      return this;
    }

    /** Keeps the stream open until the client hangs up (counted) or the server closes. */
    void holdUntilClientHangsUp() throws IOException {
      InputStream in = client.getInputStream();
      while (in.read() >= 0) {
        // Nothing more is expected from the client; reading detects its hang-up.
      }
      clientHangUps.incrementAndGet();
    }
  }
}
