package dev.vtstatus.bench;

import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.server.ServerOption;
import dev.vtstatus.server.ServerStats;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link JobServer} in a JVM of its own, for the 10,000-job run (10,000 long polls need
 * 10,000 sockets on each side; in one JVM they would use up its 20,000 file descriptors) and for
 * the throughput script.
 *
 * <p>Arguments: every {@link ServerOption} as {@code --flag VALUE} ({@code --seed-protocol-only}
 * and {@code --allow-private-callbacks} without a value), read as {@code vtstatus server} reads them
 * but with port 0 and 200,000 jobs by default, and {@code --control} to be driven over standard input. It prints {@code listening <url>} once it
 * listens. With {@code --control} it answers each {@code stats} line with a {@code stats ...} line
 * of the server's counters, each {@code memory} line with {@code memory <peak> <latest>}: the heap
 * in use right after the largest and the latest garbage collection, in bytes (-1 before the
 * first), and stops on {@code stop}, at the end of input or when the process that started it ends;
 * without, it runs until the process is stopped.
 */
public final class BenchServerMain {

  /** The system property that points Logback at its configuration. */
  public static final String LOGBACK_PROPERTY = "logback.configurationFile";

  /** The quiet (warnings only, standard error) logging the benchmark gives its servers. */
  public static final String LOGBACK_CONFIG = "dev/vtstatus/bench/bench-server-logback.xml";

  private BenchServerMain() {}

  /** Starts the server; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (System.getProperty(LOGBACK_PROPERTY) == null) {
      System.setProperty(LOGBACK_PROPERTY, LOGBACK_CONFIG);
    }
    ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0).maxJobs(200_000);
    boolean control = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--control")) {
        control = true;
        continue;
      }
      String flag = args[i];
      ServerOption<?> option = ServerOption.byFlag(flag)
          .orElseThrow(() -> new IllegalArgumentException("unknown argument '" + flag + "'"));
      if (option.isFlag()) {
        option.setText(builder, "true");
      } else if (i + 1 < args.length) {
        option.setText(builder, args[++i]);
      } else {
        throw new IllegalArgumentException(flag + " needs a value");
      }
    }
    // Control lines own standard output; anything logged goes to standard error, so a parent that
    // reads only the control lines can never be blocked by a full pipe of log lines.
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    HeapAfterGc heap = HeapAfterGc.watch();
    JobServer server = JobServer.create(builder.build()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bench-server-shutdown"));
    out.println("listening " + server.url());
    if (control) {
      serveControl(server, heap, out);
      server.close();
      System.exit(0);
    }
    // Serve until the process is stopped; the shutdown hook closes the server.
    new CountDownLatch(1).await();
  }

  private static void serveControl(JobServer server, HeapAfterGc heap, PrintStream out)
      throws IOException {
    // A driving process that dies without saying stop must not leave this server behind.
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
      server.close();
      System.exit(0);
    }));
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null && !line.trim().equals("stop")) {
      if (line.trim().equals("stats")) {
        ServerStats s = server.stats();
        out.println(
            "stats " + s.statusRequests() + " " + s.parkedLongPolls() + " " + s.openEventStreams()
                + " " + s.totalRequests());
      } else if (line.trim().equals("memory")) {
        out.println("memory " + heap.peakBytes() + " " + heap.lastBytes());
      }
    }
  }
}
