package dev.vtstatus.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes random, often malformed HTTP requests from a seed, for the fuzz test: odd methods, paths
 * with bad escapes, hostile headers (content types, transfer codings, keys, ids) and bodies (JSON
 * with trailing garbage, deep nesting, forms, multipart, binary, bad chunk sizes). Every request
 * is completely framed or deliberately broken in a way the server must refuse; it always asks the
 * server to close the connection after answering. Not thread-safe.
 */
final class HostileRequests {
  /**
   * One request: its bytes, whether it is a HEAD, whether its framing is broken on purpose, and
   * whether it is a well-formed HTTP/1.0 request (which may be answered in HTTP/1.0).
   */
  record Request(String summary, byte[] bytes, boolean head, boolean brokenFraming, boolean http10) {}

  private static final String[] METHODS = {
    "GET", "GET", "GET", "POST", "POST", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS",
    "TRACE", "get", "PROPFIND", "BREW", "X" + "Y".repeat(40), "GE T", "DELETE"
  };
  private static final String[] PATHS = {
    "/v1/jobs", "/v1/jobs/{id}", "/v1/jobs/{id}/events", "/v1/events", "/job", "/jobs", "/status",
    "/status/{id}", "/healthz", "/metrics", "/v1/capabilities", "/", "/admin/jobs", "/v1/jobs/",
    "//v1//jobs", "/v1/jobs/{id}/../..", "/v1/%6aobs", "/nope/{id}", "*"
  };
  private static final String[] ESCAPES = {"%zz", "%", "%4", "%00", "%2F", "%25", "%C3%28", "%E2%82", "%u0041", "%%"};
  private static final String[] QUERIES = {
    "ids={id},{id}", "ids=%zz", "ids=", "ids=,,,", "wait=%", "wait=0.1", "wait=-1", "wait=1e309",
    "wait=NaN", "wait=0.05&wait=9", "job_id={id}", "job_id=%zz", "a=%zz&b=%", "=&&=", "ids={id}&wait=0"
  };
  private static final String[] CONTENT_TYPES = {
    "application/json", "application/json", "application/problem+json", "text/plain",
    "application/x-www-form-urlencoded", "multipart/form-data; boundary=XyZ", "multipart/form-data",
    "application/json; charset=ebcdic", ";;;", "application/", "*/*"
  };
  private static final String[] BODIES = {
    "{}", "{}x", "{}{}", "[]", "null", "\"job\"", "{\"source_language\":\"en\",\"target_language\":\"es\"}",
    "{\"simulate\":{\"duration_ms\":50}}", "{\"simulate\":{\"duration_ms\":99999999999}}",
    "{\"simulate\":{\"duration_ms\":1.5,\"outcome\":\"canceled\"}}", "{\"metadata\":[1]}",
    "{\"callback_url\":\"http://169.254.169.254/latest\"}", "{\"callback_url\":\"ftp://x\"}",
    "{\"callback_url\":\"http://[::1\"}", "{\"metadata\":{\"k\":\"\\ud800\"}}", "{\"a\":", "\u0000\u0001\u00ff",
    "a=1&b=%zz", "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\n",
    "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n1\r\n--XyZ", "1e99999",
    "{\"video_url\":\"" + "v".repeat(3000) + "\"}"
  };

  private final SplittableRandom random;
  private final List<String> jobIds;

  /** Creates a generator; {@code jobIds} are real ids the server holds, mixed into paths. */
  HostileRequests(long seed, List<String> jobIds) {
    this.random = new SplittableRandom(seed);
    this.jobIds = List.copyOf(jobIds);
  }

  /** Returns the next request. */
  Request next() {
    String method = pick(METHODS);
    String target = target();
    List<String> headers = new ArrayList<>();
    headers.add("Host: 127.0.0.1");
    headers.add("Connection: close");
    for (int i = random.nextInt(4); i > 0; i--) {
      headers.add(header());
    }
    byte[] body = random.nextInt(3) == 0 ? new byte[0] : body();
    boolean broken = false;
    String framing = "";
    if (body.length > 0 || random.nextInt(4) == 0) {
      if (!headers.stream().anyMatch(h -> h.startsWith("Content-Type"))) {
        headers.add("Content-Type: " + pick(CONTENT_TYPES));
      }
      switch (random.nextInt(6)) {
        case 0 -> {
          framing = "chunked";
          headers.add("Transfer-Encoding: chunked");
          body = chunked(body, false);
        }
        case 1 -> {
          framing = "bad chunk";
          headers.add("Transfer-Encoding: chunked");
          body = chunked(body, true);
          broken = true;
        }
        case 2 -> {
          framing = "xchunked";
          headers.add("Transfer-Encoding: " + pick(new String[] {"xchunked", "chunked, gzip", "identity", "chunked\u000b"}));
          headers.add("Content-Length: " + body.length);
          broken = true;
        }
        default -> headers.add("Content-Length: " + body.length);
      }
    }
    String version = random.nextInt(40) == 0 ? pick(new String[] {"HTTP/1.0", "HTTP/2.0", "HTTP/9", "http/1.1"}) : "HTTP/1.1";
    if (!version.equals("HTTP/1.1")) {
      broken = true;
    }
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(' ').append(version).append("\r\n");
    for (String h : headers) {
      head.append(h).append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
    System.arraycopy(body, 0, bytes, headBytes.length, body.length);
    String summary = method + " " + (target.length() > 120 ? target.substring(0, 120) + "..." : target)
        + " " + version + " " + framing + " " + headers.subList(2, headers.size());
    return new Request(summary, bytes, method.equals("HEAD"), broken || method.contains(" "),
        version.equals("HTTP/1.0"));
  }

  private String target() {
    String path = pick(PATHS);
    if (random.nextInt(4) == 0) {
      int at = random.nextInt(path.length() + 1);
      path = path.substring(0, at) + pick(ESCAPES) + path.substring(at);
    }
    if (random.nextInt(50) == 0) {
      path = path + "/" + "a".repeat(random.nextInt(7000, 12000));
    }
    if (random.nextInt(2) == 0) {
      path = path + "?" + pick(QUERIES);
    }
    while (path.contains("{id}")) {
      path = path.replaceFirst("\\{id}", id());
    }
    return path;
  }

  private String id() {
    return switch (random.nextInt(4)) {
      case 0 -> "00000000-0000-0000-0000-000000000000";
      case 1 -> "not-an-id" + pick(ESCAPES);
      default -> jobIds.get(random.nextInt(jobIds.size()));
    };
  }

  private String header() {
    return switch (random.nextInt(12)) {
      case 0 -> "Content-Type: " + pick(CONTENT_TYPES);
      case 1 -> "Idempotency-Key: " + pick(new String[] {"k1", "", " ", "k".repeat(300), "\u00e9"});
      case 2 -> "Last-Event-ID: " + pick(new String[] {"0", "1", "-5", "x", "99999999999999999999", ""});
      case 3 -> "Prefer: " + pick(new String[] {"wait=0.1", "wait=", "wait=1e999", "respond-async, wait=0"});
      case 4 -> "X-Api-Key: " + pick(new String[] {"key-a", "key-b", "wrong", ""});
      case 5 -> "traceparent: " + pick(new String[] {"00-zz-zz-01", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", ""});
      case 6 -> "Expect: 100-continue";
      case 7 -> "Content-Encoding: " + pick(new String[] {"gzip", "deflate", "br", "x"});
      case 8 -> "Accept: " + pick(new String[] {"text/event-stream", "*/*", "application/json", "\u0000"});
      case 9 -> "X-" + random.nextInt(1000) + ": " + "v".repeat(random.nextInt(200));
      case 10 -> "Range: bytes=0-1";
      default -> "Upgrade: " + pick(new String[] {"h2c", "websocket"});
    };
  }

  private byte[] body() {
    if (random.nextInt(10) == 0) {
      byte[] bytes = new byte[random.nextInt(1, 2000)];
      random.nextBytes(bytes);
      return bytes;
    }
    if (random.nextInt(20) == 0) {
      int depth = random.nextInt(500, 5000);
      return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }
    return pick(BODIES).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] chunked(byte[] body, boolean broken) {
    StringBuilder out = new StringBuilder();
    String text = new String(body, StandardCharsets.ISO_8859_1);
    if (broken) {
      out.append(pick(new String[] {"zz", "-1", "fffffffffffffffffff", "1;" + "x".repeat(9000), " "})).append("\r\n");
      out.append(text).append("\r\n0\r\n\r\n");
    } else {
      out.append(Integer.toHexString(body.length)).append("\r\n").append(text).append("\r\n0\r\n\r\n");
    }
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
