package dev.vtstatus.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The hostile load of the soak benchmark, each part on its own thread until a deadline: creates of
 * jobs with large metadata, event streams that replay from an old {@code Last-Event-ID} and then
 * never read, connections that trickle header bytes and never finish them, and a health probe on a
 * fresh connection every 100 ms. Loopback only; every socket has a timeout. Counters are
 * thread-safe; {@link #run} is called once.
 */
final class SoakLoad {
  private static final Duration IO_TIMEOUT = Duration.ofSeconds(5);

  private final URI base;
  private final Settings settings;
  private final Map<String, LongAdder> createAnswers = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> streamAnswers = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> probeAnswers = new ConcurrentHashMap<>();
  private final List<Duration> probeLatencies = Collections.synchronizedList(new ArrayList<>());
  private final LongAdder slowOpened = new LongAdder();
  private final LongAdder slowCut = new LongAdder();
  private final AtomicLong newestEventId = new AtomicLong();
  private volatile long deadline;

  /**
   * What to throw at the server.
   *
   * @param creators threads creating jobs back to back
   * @param metadataBytes the size of each job's metadata
   * @param streams non-reading event streams held open at once
   * @param replay how many events back each of them asks to replay
   * @param slowConnections connections trickling header bytes at once
   */
  record Settings(int creators, int metadataBytes, int streams, int replay, int slowConnections) {}

  SoakLoad(URI base, Settings settings) {
    this.base = base;
    this.settings = settings;
  }

  /** Runs every part of the load for {@code duration}, then returns once every thread stopped. */
  void run(Duration duration) throws InterruptedException {
    deadline = System.nanoTime() + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < settings.creators(); i++) {
      long seed = i;
      threads.add(start("soak-create-" + i, () -> create(seed)));
    }
    threads.add(start("soak-event-reader", this::readEvents));
    threads.add(start("soak-streams", this::holdStreams));
    threads.add(start("soak-slow-headers", this::trickleHeaders));
    threads.add(start("soak-probe", this::probe));
    for (Thread thread : threads) {
      thread.join(IO_TIMEOUT.toMillis() * 4 + 10_000);
    }
  }

  private static Thread start(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private boolean running() {
    return System.nanoTime() < deadline;
  }

  private void create(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(IO_TIMEOUT).build();
    String blob = "m".repeat(settings.metadataBytes());
    while (running()) {
      // most jobs end within seconds; one in five stays pending for ten minutes
      long durationMs = random.nextInt(5) == 0 ? 600_000 : random.nextLong(500, 5_000);
      String body = "{\"metadata\":{\"blob\":\"" + blob + "\",\"n\":" + random.nextLong() + "},"
          + "\"simulate\":{\"duration_ms\":" + durationMs + "}}";
      String outcome;
      try {
        HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(base.resolve("/v1/jobs"))
            .timeout(IO_TIMEOUT).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        outcome = Integer.toString(answer.statusCode());
      } catch (IOException e) {
        outcome = e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      createAnswers.computeIfAbsent(outcome, k -> new LongAdder()).increment();
      if (!outcome.equals("201")) {
        // refused: try again soon, without spinning
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      }
    }
  }

  /** Reads one live stream to learn the newest event id, so that replays ask for buffered events. */
  private void readEvents() {
    while (running()) {
      try (Socket socket = connect()) {
        send(socket, "GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        InputStream in = socket.getInputStream();
        String line;
        while (running() && (line = line(in)) != null) {
          if (line.startsWith("id: ")) {
            newestEventId.set(Long.parseLong(line.substring(4).trim()));
          }
        }
      } catch (IOException | NumberFormatException e) {
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      }
    }
  }

  private void holdStreams() {
    ArrayDeque<Socket> open = new ArrayDeque<>();
    try {
      while (running()) {
        if (open.size() >= settings.streams()) {
          close(open.poll());
        }
        long from = Math.max(0, newestEventId.get() - settings.replay());
        try {
          Socket socket = connect();
          open.add(socket);
          send(socket, "GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nLast-Event-ID: " + from + "\r\n\r\n");
          String status = line(socket.getInputStream());
          count(streamAnswers, status == null ? "closed" : status.split(" ", 3)[1]);
        } catch (IOException e) {
          count(streamAnswers, e.getClass().getSimpleName());
        }
        LockSupport.parkNanos(Duration.ofMillis(1_000).toNanos());
      }
    } finally {
      open.forEach(SoakLoad::close);
    }
  }

  private void trickleHeaders() {
    List<Socket> open = new ArrayList<>();
    try {
      while (running()) {
        while (open.size() < settings.slowConnections() && running()) {
          try {
            Socket socket = connect();
            send(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            open.add(socket);
            slowOpened.increment();
          } catch (IOException e) {
            slowCut.increment();
            break;
          }
        }
        for (int i = open.size() - 1; i >= 0; i--) {
          Socket socket = open.get(i);
          try {
            send(socket, "X-Slow: 1\r\n");
            if (socket.getInputStream().available() > 0 || peerClosed(socket)) {
              throw new IOException("answered or closed by the server");
            }
          } catch (IOException e) {
            close(socket);
            open.remove(i);
            slowCut.increment();
          }
        }
        LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
      }
    } finally {
      open.forEach(SoakLoad::close);
    }
  }

  /** Returns whether the peer closed the socket, by a read that cannot block for long. */
  private static boolean peerClosed(Socket socket) throws IOException {
    int timeout = socket.getSoTimeout();
    socket.setSoTimeout(1);
    try {
      return socket.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } finally {
      socket.setSoTimeout(timeout);
    }
  }

  private void probe() {
    while (running()) {
      long start = System.nanoTime();
      String outcome;
      try (Socket socket = connect()) {
        send(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        String status = line(socket.getInputStream());
        outcome = status == null ? "closed" : status.split(" ", 3)[1];
      } catch (IOException e) {
        outcome = e.getClass().getSimpleName();
      }
      probeLatencies.add(Duration.ofNanos(System.nanoTime() - start));
      count(probeAnswers, outcome);
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", base.getPort()), (int) IO_TIMEOUT.toMillis());
    socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

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

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a socket the server already dropped: nothing to do
    }
  }

  private static void count(Map<String, LongAdder> counts, String outcome) {
    counts.computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  /** Returns the answers to creates by status code (or exception name), sorted. */
  Map<String, Long> createAnswers() {
    return sorted(createAnswers);
  }

  /** Returns the answers to the non-reading streams' requests by status code, sorted. */
  Map<String, Long> streamAnswers() {
    return sorted(streamAnswers);
  }

  /** Returns the health probe's answers by status code (or exception name), sorted. */
  Map<String, Long> probeAnswers() {
    return sorted(probeAnswers);
  }

  /** Returns the health probe's latencies (connect to status line). */
  LatencySummary probeLatency() {
    synchronized (probeLatencies) {
      return LatencySummary.of(new ArrayList<>(probeLatencies));
    }
  }

  /** Returns how many slow-header connections were opened and how many the server cut. */
  long[] slowHeaders() {
    return new long[] {slowOpened.sum(), slowCut.sum()};
  }

  private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
