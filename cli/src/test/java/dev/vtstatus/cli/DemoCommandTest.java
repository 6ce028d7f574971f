package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.junit.VtStatusServer;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.testing.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  private static final String[] FAST = {"--min-delay", "50ms", "--max-delay", "200ms", "--seed", "3"};

  @TempDir Path dir;

  @Test
  void runsJobsOnItsOwnServerAndPrintsOutcomesMetricsAndAuditLog() throws Exception {
    // Given a demo on its own fast server
    Path audit = dir.resolve("audit.jsonl");
    // When
    CliRun run = CliRun.run(concat(FAST, "demo", "--jobs", "3", "--progress", "plain",
        "--audit-log", audit.toString()));
    // Then every job reached a terminal state and the report is complete
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("3 jobs on http://127.0.0.1:", "Outcome:", "Metrics:",
        "\"total_jobs\" : 3", "\"status_distribution\"", "Status requests: ", "Audit log: " + audit.toAbsolutePath());
    assertThat(run.out().lines().filter(l -> l.matches("\\s+\\S{8,}\\s+(completed|error)\\s+after.*")))
        .hasSize(3);
    List<String> auditLines = Files.readAllLines(audit);
    assertThat(auditLines).isNotEmpty().allSatisfy(line -> assertThat(Json.mapper().readTree(line).isObject()).isTrue());
  }

  @Test
  void withReplicasItSpreadsTheClientStopsTheReplicaHoldingItsWaitsAndLosesNoJob() throws Exception {
    // Given a demo on three replicas of its own, on a Redis of its own
    Path audit = dir.resolve("audit.jsonl");
    // When
    CliRun run = CliRun.run("demo", "--replicas", "3", "--jobs", "4", "--min-delay", "600ms",
        "--max-delay", "900ms", "--seed", "3", "--progress", "plain", "--audit-log", audit.toString());
    // Then a replica was stopped while jobs were pending, and every job still ended once
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("4 jobs on 3 replicas http://127.0.0.1:", "sharing Redis at redis://127.0.0.1:",
        "stopped replica http://127.0.0.1:", "Jobs: 4 created, 4 ended, 0 lost, 4 reported exactly once");
    assertThat(run.out().lines().filter(l -> l.matches("\\s+\\S{8,}\\s+(completed|error)\\s+after.*")))
        .hasSize(4);
    // and every replica served the client; the stopped one was set aside at most once (when its
    // health probe or a request found it gone: one that still answered as it shut down is not)
    assertThat(run.out().lines().filter(l -> l.matches("Requests per replica: "
        + "(http://127\\.0\\.0\\.1:\\d+ [1-9]\\d*, ){2}http://127\\.0\\.0\\.1:\\d+ [1-9]\\d*; (0 switches|1 switch)")))
        .hasSize(1);
    List<JsonNode> events = Files.readAllLines(audit).stream().map(DemoCommandTest::json).toList();
    assertThat(events).filteredOn(e -> e.get("event").asText().equals("replica_switched")).hasSizeLessThanOrEqualTo(1);
    assertThat(events).filteredOn(e -> e.get("event").asText().matches("job_completed|job_failed")).hasSize(4);
  }

  @Test
  void replicasAndUrlTogetherAreAUsageError() {
    // Given / When
    CliRun run = CliRun.run("demo", "--replicas", "3", "--url", "http://127.0.0.1:5000");
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--replicas starts the demo's own servers");
  }

  private static JsonNode json(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void jsonPrintsOnlyTheFinalDocument() throws Exception {
    // Given / When
    CliRun run = CliRun.run(concat(FAST, "demo", "--jobs", "4", "--json",
        "--audit-log", dir.resolve("a.jsonl").toString()));
    // Then standard output is one JSON document with every job and the metrics
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = Json.mapper().readTree(run.out());
    assertThat(report.get("jobs")).hasSize(4);
    assertThat(report.get("jobs")).allSatisfy(job ->
        assertThat(job.get("status").asText()).isIn("completed", "error"));
    assertThat(report.get("metrics").get("total_jobs").asInt()).isEqualTo(4);
    assertThat(report.get("metrics").get("successful_jobs").asInt()
        + report.get("metrics").get("failed_jobs").asInt()).isEqualTo(4);
    assertThat(report.get("server").asText()).startsWith("http://127.0.0.1:");
    assertThat(report.get("audit_log").asText()).endsWith("a.jsonl");
  }

  @Test
  void usesTheServerGivenByUrl() throws Exception {
    // Given a server started elsewhere
    VtStatusServer.run(CliRun::quickJobs, server -> {
      // When
      CliRun run = CliRun.run("demo", "--url", server.baseUrl().toString(), "--jobs", "2", "--json",
          "--audit-log", dir.resolve("a.jsonl").toString());
      // Then the jobs were created there
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err()).doesNotContain("note:");
      assertThat(Json.mapper().readTree(run.out()).get("server").asText()).isEqualTo(server.baseUrl().toString());
      assertThat(server.jobServer().stats().jobsCreated()).isEqualTo(2);
    });
  }

  @Test
  void saysThatOwnServerOptionsDoNothingWithUrl() throws Exception {
    // Given a server started elsewhere
    VtStatusServer.run(CliRun::quickJobs, server -> {
      // When the demo is also given delays for its own server
      CliRun run = CliRun.run("demo", "--url", server.baseUrl().toString(), "--jobs", "1", "--json",
          "--max-delay", "9s", "--audit-log", dir.resolve("a.jsonl").toString());
      // Then it says they are ignored, and still runs
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err()).contains("note: ", "with --url they are ignored");
    });
  }

  @Test
  void speaksTheSeedProtocolToASeedOnlyServer() throws Exception {
    // Given a server that serves only the seed routes, as the original Python server did
    VtStatusServer.run(c -> CliRun.quickJobs(c).seedProtocolOnly(true), server -> {
      // When
      CliRun run = CliRun.run("demo", "--url", server.baseUrl().toString(), "--jobs", "2", "--json",
          "--audit-log", dir.resolve("a.jsonl").toString());
      // Then both jobs still end
      assertThat(run.exitCode()).as(run.err()).isZero();
      JsonNode report = Json.mapper().readTree(run.out());
      assertThat(report.get("jobs")).allSatisfy(job ->
          assertThat(job.get("status").asText()).isIn("completed", "error"));
    });
  }

  @Test
  void jobsStillPendingAtTheDeadlineExitWithFour() {
    // Given jobs far longer than the timeout
    // When
    CliRun run = CliRun.run("demo", "--min-delay", "20s", "--max-delay", "20s", "--jobs", "2",
        "--timeout", "300ms", "--progress", "none", "--audit-log", dir.resolve("a.jsonl").toString());
    // Then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.PENDING);
    assertThat(run.out()).contains("pending", "longer --timeout");
  }

  @Test
  void unreachableUrlIsOneLineThatSaysHowToStartAServer() {
    // Given a port nothing listens on
    String url = Ports.unreachableUrl();
    // When
    CliRun run = CliRun.run("demo", "--url", url, "--audit-log", dir.resolve("a.jsonl").toString());
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.SERVER);
    assertThat(run.errLines()).containsExactly("error: cannot reach " + url
        + ": connection refused; is the server running? start one with ./vtstatus server");
  }

  @Test
  void minDelayAboveMaxDelayIsAUsageError() {
    // Given / When
    CliRun run = CliRun.run("demo", "--min-delay", "3s", "--max-delay", "1s");
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--min-delay (3s) is above --max-delay (1s)");
  }

  private static String[] concat(String[] options, String... args) {
    String[] all = new String[args.length + options.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(options, 0, all, args.length, options.length);
    return all;
  }
}
