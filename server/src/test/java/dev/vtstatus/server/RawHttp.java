package dev.vtstatus.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends hand-made bytes to a server over a fresh socket and reads one answer, for requests no HTTP
 * client would send (bad framing, bad escapes, odd methods). Interim {@code 1xx} answers are
 * skipped; an event stream is read up to its headers only.
 */
final class RawHttp {
  /** One answer: its status line, lower-cased headers and body, or how the exchange ended without one. */
  record Answer(String statusLine, int status, Map<String, String> headers, String body, Ending ending) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    boolean answered() {
      return ending == Ending.ANSWERED;
    }
  }

  /** How an exchange ended. */
  enum Ending {
    ANSWERED,
    /** The server closed the connection without a status line. */
    CLOSED,
    /** Nothing complete arrived within the read timeout. */
    TIMED_OUT
  }

  private RawHttp() {}

  /** Sends {@code request} to 127.0.0.1:{@code port} and reads the answer within {@code timeout}. */
  static Answer exchange(int port, byte[] request, boolean head, Duration timeout) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // the server may answer and close before reading everything (e.g. 431, 413)
      }
      return read(socket, head);
    }
  }

  /** Reads one answer from an open socket, within the socket's read timeout. */
  static Answer read(Socket socket, boolean head) throws IOException {
    try {
      return read(socket.getInputStream(), head);
    } catch (SocketTimeoutException e) {
      return new Answer("", -1, Map.of(), "", Ending.TIMED_OUT);
    } catch (IOException e) {
      return new Answer("", -1, Map.of(), "", Ending.CLOSED);
    }
  }

  /** Sends {@code request} (ISO-8859-1 text) and reads the answer within 5 s. */
  static Answer exchange(int port, String request) throws IOException {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), false, Duration.ofSeconds(5));
  }

  private static Answer read(InputStream in, boolean head) throws IOException {
    while (true) {
      String statusLine = line(in);
      if (statusLine == null) {
        return new Answer("", -1, Map.of(), "", Ending.CLOSED);
      }
      String[] parts = statusLine.split(" ", 3);
      int status = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
      Map<String, String> headers = new LinkedHashMap<>();
      String line;
      while ((line = line(in)) != null && !line.isEmpty()) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
      }
      if (status >= 100 && status < 200) {
        continue;
      }
      String type = headers.getOrDefault("content-type", "");
      String body;
      if (head || status == 204 || status == 304 || type.startsWith("text/event-stream")) {
        body = "";
      } else if (headers.containsKey("content-length")) {
        body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = chunked(in);
      } else {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return new Answer(statusLine, status, headers, body, Ending.ANSWERED);
    }
  }

  private static String chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String size;
    while ((size = line(in)) != null) {
      int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
      if (n == 0) {
        line(in);
        break;
      }
      body.write(in.readNBytes(n));
      line(in);
    }
    return body.toString(StandardCharsets.UTF_8);
  }

  /** Reads a CRLF- or LF-terminated line; null at the end of the stream before any byte. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
