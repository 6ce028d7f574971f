package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.junit.VtStatusServer;
import dev.vtstatus.testing.RawHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each way a command can fail against a server, checked end to end: the exit code, and exactly one
 * line on standard error (logs included) that names no internal class.
 */
class FailureLinesTest {
  private static final String WELL_FORMED = "3f6c9a0e-5b7d-4c1e-9f00-1d2e3f4a5b6c";

  /** Runs the command, with the process's standard error (where logs go) captured into the run's. */
  private static CliRun runCapturingLogs(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try {
      CliRun run = CliRun.run(args);
      return new CliRun(run.exitCode(), run.out(), logs.toString(StandardCharsets.UTF_8) + run.err());
    } finally {
      System.setErr(original);
    }
  }

  private static void assertOneCleanLine(CliRun run, int exitCode, String... contains) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
    assertThat(run.errLines()).as(run.err()).singleElement().satisfies(line -> {
      assertThat(line).startsWith("error: ").contains(contains);
      assertThat(line).doesNotContain("WARN", "dev.vtstatus", "Exception", "{\"");
    });
  }

  @Test
  void anUnknownJobOnTheOriginalServerExitsThree() {
    try (FakeOriginalServer original = new FakeOriginalServer()) {
      assertOneCleanLine(runCapturingLogs("status", WELL_FORMED, "--url", original.url()),
          ExitCode.SERVER, "no job " + WELL_FORMED);
      assertOneCleanLine(runCapturingLogs("wait", WELL_FORMED, "--url", original.url(), "--progress", "none"),
          ExitCode.SERVER, "no job " + WELL_FORMED);
    }
  }

  @Test
  void anUnknownJobOnTheVtstatusServersSeedRoutesExitsThree() throws Exception {
    VtStatusServer.run(c -> CliRun.quickJobs(c).seedProtocolOnly(true), server -> {
      assertOneCleanLine(runCapturingLogs("status", WELL_FORMED, "--url", server.baseUrl().toString()),
          ExitCode.SERVER, "no job");
    });
  }

  @Test
  void aWrongApiKeyIsOneLineEvenWhenTheEventStreamIsRefusedToo() throws Exception {
    VtStatusServer.run(c -> CliRun.quickJobs(c).apiKeys(java.util.Set.of("right")), server -> {
      assertOneCleanLine(runCapturingLogs("submit", "--wait", "--url", server.baseUrl().toString(),
          "--api-key", "wrong", "--progress", "none"), ExitCode.SERVER, "rejected the API key");
    });
  }

  @Test
  void aPlainSubmitMakesOneRequest() throws Exception {
    VtStatusServer.run(CliRun::quickJobs, server -> {
      // When
      CliRun run = CliRun.run("submit", "--url", server.baseUrl().toString());

      // Then
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(server.jobServer().stats().totalRequests()).isEqualTo(1);
      assertThat(server.jobServer().stats().createRequests()).isEqualTo(1);
    });
  }

  @Test
  void anotherWebServersEmptyNotFoundSaysItIsNotAVtstatusServer() {
    try (RawHttpServer other = RawHttpServer.answering(404, null, "")) {
      String url = other.url().toString();
      assertOneCleanLine(runCapturingLogs("status", WELL_FORMED, "--url", url), ExitCode.SERVER,
          "is not a vtstatus server", "check --url");
      assertOneCleanLine(runCapturingLogs("submit", "--url", url), ExitCode.SERVER,
          "is not a vtstatus server");
    }
  }

  @Test
  void aSilentServerExitsThreeWithinTheTimeout() {
    try (RawHttpServer silent = RawHttpServer.silent()) {
      String url = silent.url().toString();
      for (Supplier<CliRun> command : java.util.List.<Supplier<CliRun>>of(
          () -> runCapturingLogs("status", WELL_FORMED, "--url", url, "--timeout", "1s"),
          () -> runCapturingLogs("submit", "--url", url, "--timeout", "1s"))) {
        long start = System.nanoTime();
        CliRun run = command.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertOneCleanLine(run, ExitCode.SERVER, "no answer from " + url + " within 1s");
        assertThat(took).isLessThan(Duration.ofSeconds(4));
      }
    }
  }

  @Test
  void anEndlessAnswerExitsThreeNamingTheLimit() {
    try (RawHttpServer endless = RawHttpServer.endlessBody()) {
      assertOneCleanLine(runCapturingLogs("status", WELL_FORMED, "--url", endless.url().toString()),
          ExitCode.SERVER, "over the limit of 8388608 bytes");
    }
  }
}
