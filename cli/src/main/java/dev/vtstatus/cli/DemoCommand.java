package dev.vtstatus.cli;

import dev.vtstatus.client.ClientMetrics;
import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.VideoTranslationClientBuilder;
import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitSummary;
import dev.vtstatus.client.WaitTimeoutException;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.server.ServerOption;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code vtstatus demo}: creates a few jobs, waits for all of them with live progress, then prints
 * each outcome and the client's metrics. Without {@code --url} it runs its own server for the
 * duration of the demo. Not thread-safe.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Creates jobs, waits for all of them showing live progress, then prints each job's outcome and"
          + " the client's metrics as JSON.",
      "Without --url it starts its own server on a free port (jobs of 1s to 4s, 20%% errors).",
      "With --replicas N it starts a Redis and N replicas on it instead, spreads the client over all"
          + " of them, and stops the replica holding its waits halfway through the shortest job.",
      ""
    })
final class DemoCommand implements Callable<Integer>, TalksToServer {
  @Spec CommandSpec spec;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "5",
      description = "How many jobs to create (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--url", paramLabel = "URL", defaultValue = "${VTSTATUS_URL}",
      description = "Use this server instead of starting one, e.g. the seed's Python server at"
          + " http://127.0.0.1:5000 (env VTSTATUS_URL).")
  String url;

  @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${VTSTATUS_API_KEY}",
      description = "X-Api-Key for the server given by --url (env VTSTATUS_API_KEY).")
  String apiKey;

  @Mixin WaitOptions wait;

  @Option(names = "--audit-log", paramLabel = "PATH",
      description = "Where to write the audit log, one JSON object per line (default: a new file"
          + " under the temporary directory).")
  Path auditLog;

  @Option(names = "--json", description = "Print only the final JSON (jobs and metrics), for scripts.")
  boolean json;

  @Option(names = "--min-delay", paramLabel = "DURATION", defaultValue = "1s",
      description = "Shortest job on the demo's own server (default: ${DEFAULT-VALUE}).")
  Duration minDelay;

  @Option(names = "--max-delay", paramLabel = "DURATION", defaultValue = "4s",
      description = "Longest job on the demo's own server (default: ${DEFAULT-VALUE}).")
  Duration maxDelay;

  @Option(names = "--error-probability", paramLabel = "0..1", defaultValue = "0.2",
      description = "Chance of an error on the demo's own server (default: ${DEFAULT-VALUE}).")
  double errorProbability;

  @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the demo server's random source, for repeatable runs.")
  Long seed;

  @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
      description = "Replicas of the demo's own server, sharing a Redis it starts (the bundled"
          + " redis-server); with more than one, the client spreads over them and the replica"
          + " holding its waits is stopped mid-run"
          + " (default: ${DEFAULT-VALUE}).")
  int replicas;

  private volatile String serverUrl;

  @Override
  public String serverUrl() {
    return serverUrl != null ? serverUrl : url;
  }

  @Override
  public Integer call() throws IOException {
    if (jobs < 1) {
      throw new ParameterException(spec.commandLine(), "--jobs must be at least 1, was " + jobs);
    }
    if (replicas < 1) {
      throw new ParameterException(spec.commandLine(), "--replicas must be at least 1, was " + replicas);
    }
    if (replicas > 1 && url != null) {
      throw new ParameterException(spec.commandLine(),
          "--replicas starts the demo's own servers; to use running replicas, give --url a,b,c instead");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (url != null && ownServerOptionGiven()) {
      spec.commandLine().getErr().println("note: --min-delay, --max-delay, --error-probability and"
          + " --seed shape the demo's own server; with --url they are ignored");
    }
    Path audit = auditLog != null ? auditLog : Files.createTempDirectory("vtstatus-demo-").resolve("audit.jsonl");
    if (replicas > 1) {
      return withReplicas(out, audit);
    }
    try (JobServer server = url == null ? startServer() : null) {
      serverUrl = server == null ? url : server.url().toString();
      if (!json) {
        out.println("vtstatus demo: " + Formats.count(jobs, "job") + " on " + serverUrl
            + (server == null ? "" : " (own server: jobs take " + Formats.duration(minDelay) + " to "
                + Formats.duration(maxDelay) + ", " + Math.round(errorProbability * 100) + "% errors)"));
        out.flush();
      }
      return run(out, audit, null, null);
    }
  }

  private int withReplicas(PrintWriter out, Path audit) {
    try (DemoReplicas cluster = DemoReplicas.start(serverConfig(), replicas)) {
      serverUrl = String.join(",", cluster.urls());
      if (!json) {
        out.println("vtstatus demo: " + Formats.count(jobs, "job") + " on " + replicas + " replicas "
            + String.join(", ", cluster.urls()) + " sharing Redis at " + cluster.redisUrl()
            + " (jobs take " + Formats.duration(minDelay) + " to " + Formats.duration(maxDelay) + ", "
            + Math.round(errorProbability * 100) + "% errors)");
        out.flush();
      }
      Runnable killBusiest = () -> {
        int victim = cluster.holdingWaits();
        cluster.kill(victim);
        if (!json) {
          out.println("  stopped replica " + cluster.urls().get(victim) + ", the one holding the client's waits");
          out.flush();
        }
      };
      return run(out, audit, killBusiest, cluster);
    }
  }

  private int run(PrintWriter out, Path audit, Runnable midRun, DemoReplicas cluster) {
    Clock clock = Clock.systemUTC();
    JobBoard board = new JobBoard(clock);
    Map<String, Integer> reports = new ConcurrentHashMap<>();
    VideoTranslationClientBuilder builder =
        wait.applyTo(ConnectionOptions.builderFor(spec, serverUrl, apiKey))
            .auditLog(audit)
            .addListener(board)
            .addListener(new WaitListener() {
              @Override
              public void jobFinished(String jobId, Job job, WaitSummary summary) {
                reports.merge(jobId, 1, Integer::sum);
              }
            });
    try (VideoTranslationClient client = builder.build();
        LiveDisplay display = new LiveDisplay(board, out, json ? ProgressMode.none : wait.progress, clock)) {
      List<Job> created = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        created.add(client.createJob());
      }
      if (!json) {
        out.println("created " + Formats.count(created.size(), "job") + "; waiting with strategy "
            + wait.strategy.name());
        out.flush();
      }
      display.start();
      List<CompletableFuture<Job>> waits = new ArrayList<>();
      for (Job job : created) {
        waits.add(client.waitForResultAsync(job.jobId(), wait.timeout));
      }
      CompletableFuture<Void> stopped = midRun == null ? CompletableFuture.completedFuture(null)
          : CompletableFuture.runAsync(midRun, CompletableFuture.delayedExecutor(
              minDelay.toMillis() / 2, TimeUnit.MILLISECONDS));
      stopped.join();
      List<Job> finals = new ArrayList<>();
      for (int i = 0; i < waits.size(); i++) {
        finals.add(outcome(waits.get(i), created.get(i)));
      }
      display.stop();
      ClientMetrics metrics = client.metrics();
      boolean allTerminal = finals.stream().allMatch(Job::isTerminal);
      Map<String, Object> report = report(finals, board, metrics, client.strategyName(), audit);
      if (json) {
        out.println(Formats.prettyJson(report));
      } else {
        String strategy = wait.strategy.name().equals(client.strategyName()) ? wait.strategy.name()
            : wait.strategy.name() + " (waited with " + client.strategyName() + ")";
        printReport(out, finals, board, metrics, strategy, audit, allTerminal);
        if (cluster != null) {
          cluster.printSpread(out, finals, metrics, reports);
        }
      }
      out.flush();
      return allTerminal ? ExitCode.OK : ExitCode.PENDING;
    }
  }

  /** Returns the job's terminal state, or its last seen state if the wait ran out of time. */
  private static Job outcome(CompletableFuture<Job> wait, Job created) {
    try {
      return wait.join();
    } catch (CompletionException failed) {
      if (failed.getCause() instanceof WaitTimeoutException timeout) {
        return timeout.lastSeen() != null ? timeout.lastSeen() : created;
      }
      throw failed;
    }
  }

  private Map<String, Object> report(List<Job> finals, JobBoard board, ClientMetrics metrics,
      String strategy, Path audit) {
    Map<String, JobBoard.Row> rows = new LinkedHashMap<>();
    board.rows().forEach(row -> rows.put(row.jobId(), row));
    List<Map<String, Object>> jobList = new ArrayList<>();
    for (Job job : finals) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("job_id", job.jobId());
      entry.put("status", job.status());
      JobBoard.Row row = rows.get(job.jobId());
      if (row != null) {
        entry.put("elapsed_ms", row.elapsed().toMillis());
        entry.put("requests", row.requests());
        if (row.summary() != null && row.summary().detectionLatency() != null) {
          entry.put("detection_latency_ms", row.summary().detectionLatency().toMillis());
        }
      }
      if (job.result() != null) {
        entry.put("result", job.result());
      }
      if (job.error() != null) {
        entry.put("error", job.error());
      }
      jobList.add(entry);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("server", serverUrl);
    report.put("strategy", strategy);
    report.put("jobs", jobList);
    report.put("metrics", metrics.toMap());
    report.put("audit_log", audit.toAbsolutePath().toString());
    return report;
  }

  private static void printReport(PrintWriter out, List<Job> finals, JobBoard board,
      ClientMetrics metrics, String strategy, Path audit, boolean allTerminal) {
    out.println();
    out.println("Outcome:");
    Map<String, JobBoard.Row> rows = new LinkedHashMap<>();
    board.rows().forEach(row -> rows.put(row.jobId(), row));
    for (Job job : finals) {
      JobBoard.Row row = rows.get(job.jobId());
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-36s %-9s",
          job.jobId(), job.status().wireName()));
      if (row != null) {
        line.append(" after ").append(Formats.duration(row.elapsed())).append(", ")
            .append(Formats.count(row.requests(), "request"));
        if (row.summary() != null && row.summary().detectionLatency() != null) {
          line.append(", seen ").append(Formats.duration(row.summary().detectionLatency()))
              .append(" after it ended");
        }
      }
      if (job.error() != null && job.error().message() != null) {
        line.append(" (").append(job.error().message()).append(')');
      }
      out.println(line);
    }
    out.println();
    out.println("Metrics:");
    out.println(Formats.prettyJson(metrics.toMap()));
    out.println();
    if (!allTerminal) {
      out.println("Some jobs were still pending at the deadline; try a longer --timeout.");
    }
    out.println("Strategy: " + strategy);
    out.println(String.format(Locale.ROOT, "Status requests: %d in all, %.2f per job",
        metrics.statusRequests(), metrics.requestsPerJob()));
    out.println("Audit log: " + audit.toAbsolutePath());
  }

  private boolean ownServerOptionGiven() {
    ParseResult parsed = spec.commandLine().getParseResult();
    return parsed != null && Stream.of("--min-delay", "--max-delay", "--error-probability", "--seed")
        .anyMatch(parsed::hasMatchedOption);
  }

  /** Starts the demo's own server; {@link #serverConfig()} has checked every value it sets. */
  private JobServer startServer() {
    return JobServer.create(serverConfig().build()).start();
  }

  private ServerConfig.Builder serverConfig() {
    if (minDelay.compareTo(maxDelay) > 0) {
      throw new ParameterException(spec.commandLine(),
          "--min-delay (" + Formats.duration(minDelay) + ") is above --max-delay ("
              + Formats.duration(maxDelay) + "); lower --min-delay or raise --max-delay");
    }
    try {
      return ServerConfig.builder().port(0).minDelay(minDelay).maxDelay(maxDelay)
          .errorProbability(errorProbability).seed(seed);
    } catch (IllegalArgumentException bad) {
      throw new ParameterException(spec.commandLine(), ServerOption.withFlag(bad.getMessage()), bad);
    }
  }
}
