package dev.vtstatus.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak benchmark: a server with the default limits in its own JVM with a small heap, under
 * every hostile load of {@link SoakLoad} at once for a while. It reports the server's heap right
 * after garbage collection (peak and at the end), its resident set size (peak and at the end),
 * the answers to each kind of request by status, the health probe's latency percentiles, and
 * whether the server was still up and answering at the end, with no {@code OutOfMemoryError} in
 * its log. Loopback only, bounded by {@code --duration-s}; stops the server it started.
 *
 * <pre>{@code
 * java -cp ... dev.vtstatus.bench.SoakBenchmark --duration-s 60 --heap 256m --out bench-results
 * }</pre>
 *
 * <p>Exits 0 when the server stayed up, answered its last health check and logged no {@code
 * OutOfMemoryError}, else 1. Not thread-safe; one run per instance.
 */
public final class SoakBenchmark {
  /** The report's file name in the output directory. */
  public static final String REPORT_FILE = "soak.txt";

  private Duration duration = Duration.ofSeconds(60);
  private String heap = "256m";
  private int creators = 4;
  private int metadataBytes = 60_000;
  private int streams = 40;
  private int replay = 10_000;
  private int slowConnections = 300;
  private Path out = Path.of("bench-results");

  private SoakBenchmark() {}

  /**
   * Runs the soak benchmark and exits with its exit code. Arguments, each followed by its value:
   * {@code --duration-s} (60), {@code --heap} (the server's -Xmx, 256m), {@code --creators}
   * (threads creating jobs, 4), {@code --metadata-bytes} (per job, 60000), {@code --streams}
   * (non-reading event streams held open, 40), {@code --replay} (events each asks to replay,
   * 10000), {@code --slow-connections} (trickling header bytes, 300), {@code --out} (directory,
   * bench-results).
   */
  public static void main(String[] args) throws Exception {
    SoakBenchmark soak = new SoakBenchmark();
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--duration-s" -> soak.duration = Duration.ofSeconds(Long.parseLong(value));
        case "--heap" -> soak.heap = value;
        case "--creators" -> soak.creators = Integer.parseInt(value);
        case "--metadata-bytes" -> soak.metadataBytes = Integer.parseInt(value);
        case "--streams" -> soak.streams = Integer.parseInt(value);
        case "--replay" -> soak.replay = Integer.parseInt(value);
        case "--slow-connections" -> soak.slowConnections = Integer.parseInt(value);
        case "--out" -> soak.out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("argument '" + args[args.length - 1] + "' has no value");
    }
    System.exit(soak.call());
  }

  /** Runs the benchmark, writes {@code OUT/soak.txt} and returns the exit code. */
  private int call() throws Exception {
    Files.createDirectories(out);
    Path log = out.resolve("soak-server.log");
    ForkedBenchServer server = ForkedBenchServer.start(
        List.of("-Xmx" + heap), List.of("--max-jobs", "100000", "--min-delay", "1s", "--max-delay", "5s"),
        ProcessBuilder.Redirect.to(log.toFile()));
    try {
      AtomicLong peakRss = new AtomicLong(-1);
      AtomicLong peakHeap = new AtomicLong(-1);
      Thread sampler = new Thread(() -> sample(server, peakRss, peakHeap, duration), "soak-memory");
      sampler.setDaemon(true);
      sampler.start();
      Instant started = Instant.now();
      SoakLoad load = new SoakLoad(server.url(), new SoakLoad.Settings(creators, metadataBytes, streams, replay, slowConnections));
      load.run(duration);
      sampler.join(10_000);
      int finalHealth = health(server.url());
      long[] heapAfterGc = server.heapAfterGc();
      long rss = rssBytes(server.pid());
      long oomLines = Files.readAllLines(log).stream().filter(l -> l.contains("OutOfMemoryError")).count();
      boolean ok = server.alive() && finalHealth == 200 && oomLines == 0;
      String report = report(started, load, peakHeap.get(), heapAfterGc, peakRss.get(), rss, finalHealth, oomLines, ok);
      Files.writeString(out.resolve(REPORT_FILE), report);
      PrintWriter stdout = new PrintWriter(System.out, true);
      stdout.print(report);
      stdout.flush();
      return ok ? 0 : 1;
    } finally {
      server.close();
    }
  }

  private static void sample(ForkedBenchServer server, AtomicLong peakRss, AtomicLong peakHeap, Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end && server.alive()) {
      peakRss.accumulateAndGet(rssBytes(server.pid()), Math::max);
      long[] heap = server.heapAfterGc();
      if (heap != null) {
        peakHeap.accumulateAndGet(heap[0], Math::max);
      }
      // the measuring tool samples once a second
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
    }
  }

  /** Returns the resident set size of process {@code pid} in bytes (Linux), or -1. */
  static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return -1;
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  private static int health(URI base) {
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      return http.send(HttpRequest.newBuilder(base.resolve("/healthz")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private String report(Instant started, SoakLoad load, long peakHeap, long[] heapAfterGc, long peakRss,
      long rss, int finalHealth, long oomLines, boolean ok) {
    LatencySummary probe = load.probeLatency();
    long[] slow = load.slowHeaders();
    StringBuilder r = new StringBuilder();
    r.append(String.format(Locale.ROOT, "soak %s: %s under load, server -Xmx%s, loopback%n", started, duration, heap));
    r.append(String.format(Locale.ROOT, "load: %d creators of %,d-byte-metadata jobs, %d non-reading streams replaying %,d events,"
        + " %d slow-header connections, a health probe every 100 ms%n", creators, metadataBytes, streams, replay, slowConnections));
    r.append(String.format(Locale.ROOT, "server heap after GC: peak %s, at the end %s%n", mib(peakHeap),
        heapAfterGc == null ? "n/a" : mib(heapAfterGc[1])));
    r.append(String.format(Locale.ROOT, "server RSS: peak %s, at the end %s%n", mib(peakRss), mib(rss)));
    r.append("creates by status: ").append(load.createAnswers()).append('\n');
    r.append("non-reading streams by status: ").append(load.streamAnswers()).append('\n');
    r.append(String.format(Locale.ROOT, "slow-header connections: %d opened, %d cut by the server%n", slow[0], slow[1]));
    r.append("health probes by status: ").append(load.probeAnswers()).append('\n');
    r.append(String.format(Locale.ROOT, "health probe latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d probes)%n",
        probe.p50(), probe.p99(), probe.max(), probe.samples()));
    r.append(String.format(Locale.ROOT, "at the end: health %d, OutOfMemoryError lines in the log: %d -> %s%n",
        finalHealth, oomLines, ok ? "server survived" : "SERVER BROKE"));
    return r.toString();
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024.0));
  }
}
