package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.junit.VtStatusServer;
import dev.vtstatus.junit.VtStatusServerExtension;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import dev.vtstatus.testing.Ports;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code submit}, {@code status} and {@code wait} against a real server on a free port. */
class JobCommandsTest {
  @RegisterExtension
  final VtStatusServerExtension servers = VtStatusServerExtension.builder()
      .configure(CliRun::quickJobs).lifecycle(VtStatusServerExtension.Lifecycle.PER_TEST).build();
  private String url;

  @BeforeEach
  void readTheUrl(VtStatusServer server) {
    url = server.baseUrl().toString();
  }

  @Test
  void submitPrintsTheNewJobsIdAndStatusReadsIt() throws Exception {
    // Given a submitted job
    CliRun submit = CliRun.run("submit", "--url", url, "--simulate-duration", "5s");
    assertThat(submit.exitCode()).as(submit.err()).isZero();
    String id = submit.out().trim();
    assertThat(id).isNotBlank().doesNotContain("\n");
    // When its status is read
    CliRun status = CliRun.run("status", id, "--url", url);
    // Then it is that job, still pending
    assertThat(status.exitCode()).as(status.err()).isZero();
    JsonNode job = Json.mapper().readTree(status.out());
    assertThat(job.get("job_id").asText()).isEqualTo(id);
    assertThat(job.get("status").asText()).isEqualTo("pending");
  }

  @Test
  void submitJsonPrintsTheJobWithWhatWasAskedFor() throws Exception {
    // Given / When
    CliRun submit = CliRun.run("submit", "--url", url, "--json", "--source-language", "en",
        "--target-language", "es", "--metadata", "team=video");
    // Then
    assertThat(submit.exitCode()).as(submit.err()).isZero();
    JsonNode job = Json.mapper().readTree(submit.out());
    assertThat(job.get("source_language").asText()).isEqualTo("en");
    assertThat(job.get("target_language").asText()).isEqualTo("es");
    assertThat(job.get("metadata").get("team").asText()).isEqualTo("video");
  }

  @Test
  void submitAndWaitExitsZeroWhenTheJobCompletes() throws Exception {
    // Given / When
    CliRun run = CliRun.run("submit", "--wait", "--url", url, "--simulate-duration", "100ms",
        "--simulate-outcome", "completed", "--progress", "plain");
    // Then the final job is printed and the progress went to standard error
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(Json.mapper().readTree(run.out()).get("status").asText()).isEqualTo("completed");
    assertThat(run.err()).contains("created job ", "completed", "100%");
  }

  @Test
  void submitAndWaitExitsOneWhenTheJobFails() throws Exception {
    // Given / When
    CliRun run = CliRun.run("submit", "--wait", "--url", url, "--simulate-duration", "100ms",
        "--simulate-outcome", "error", "--progress", "none");
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(Json.mapper().readTree(run.out()).get("status").asText()).isEqualTo("error");
    assertThat(run.err()).contains("ended error");
  }

  @Test
  void waitShowsProgressAndExitsZeroOnCompletion() throws Exception {
    // Given a job long enough to be seen pending a few times
    String id = submit(Duration.ofMillis(1500), JobStatus.COMPLETED);
    // When
    CliRun run = CliRun.run("wait", id, "--url", url, "--strategy", "fixed:50ms", "--progress", "plain");
    // Then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(Json.mapper().readTree(run.out()).get("job_id").asText()).isEqualTo(id);
    assertThat(run.err()).contains("[########################] 100%  completed");
    assertThat(run.err().lines().filter(l -> l.contains("pending"))).as(run.err()).isNotEmpty();
  }

  @Test
  void waitExitsOneForACanceledJob() {
    // Given a canceled job
    String id = submit(Duration.ofSeconds(30), JobStatus.COMPLETED);
    try (VideoTranslationClient client = VideoTranslationClient.builder().baseUrl(url).build()) {
      client.cancel(id);
    }
    // When
    CliRun run = CliRun.run("wait", id, "--url", url, "--progress", "none");
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(run.err()).contains("ended canceled");
  }

  @Test
  void waitExitsFourWhenTheJobIsStillPendingAtTheDeadline() throws Exception {
    // Given a job far longer than the timeout
    String id = submit(Duration.ofSeconds(30), JobStatus.COMPLETED);
    // When
    CliRun run = CliRun.run("wait", id, "--url", url, "--timeout", "300ms", "--progress", "none");
    // Then the last seen job is printed and the one-line error says what to do
    assertThat(run.exitCode()).isEqualTo(ExitCode.PENDING);
    assertThat(Json.mapper().readTree(run.out()).get("status").asText()).isEqualTo("pending");
    assertThat(run.errLines()).singleElement().asString().startsWith("error: job " + id
        + " is still pending after 300ms; wait longer with --timeout, e.g. vtstatus wait " + id
        + " --timeout 10m, or look again later with vtstatus wait --resume vt1.");
  }

  @Test
  void waitResumesFromATokenWithTheTimeItHadLeft() throws Exception {
    // Given: the token of a wait with 30 s left for a job of 1.5 s, whose process stopped waiting
    String id = submit(Duration.ofMillis(1500), JobStatus.COMPLETED);
    String token;
    try (VideoTranslationClient client = VideoTranslationClient.builder().baseUrl(url).build()) {
      var waiting = client.waitForResultAsync(id, Duration.ofSeconds(30));
      token = client.waitToken(id).toString();
      waiting.cancel(true);
    }

    // When
    CliRun run = CliRun.run("wait", "--resume", token, "--progress", "none");

    // Then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(Json.mapper().readTree(run.out()).get("status").asText()).isEqualTo("completed");
  }

  @Test
  void aTokenWhoseTimeRanOutIsReadOnceAndABadOneIsAUsageError() throws Exception {
    // Given: the token printed when a wait ran out of time
    String id = submit(Duration.ofSeconds(30), JobStatus.COMPLETED);
    CliRun first = CliRun.run("wait", id, "--url", url, "--timeout", "200ms", "--progress", "none");
    String token = first.err().replaceAll("(?s).*--resume (vt1\\S+).*", "$1").trim();

    // When
    CliRun again = CliRun.run("wait", "--resume", token, "--progress", "none");
    CliRun bad = CliRun.run("wait", "--resume", "vt1.nonsense", "--progress", "none");
    CliRun neither = CliRun.run("wait", "--progress", "none");

    // Then
    assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCode.PENDING);
    assertThat(Json.mapper().readTree(again.out()).get("status").asText()).isEqualTo("pending");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).contains("--resume: not a vtstatus wait token");
    assertThat(neither.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(neither.err()).contains("give either a job ID or --resume TOKEN");
  }

  @Test
  void unknownJobIsOneLineSayingToCheckTheId() {
    // Given / When
    String unknown = UUID.randomUUID().toString();
    CliRun status = CliRun.run("status", unknown, "--url", url);
    CliRun wait = CliRun.run("wait", unknown, "--url", url, "--progress", "none");
    // Then
    for (CliRun run : new CliRun[] {status, wait}) {
      assertThat(run.exitCode()).isEqualTo(ExitCode.SERVER);
      assertThat(run.errLines()).containsExactly("error: no job " + unknown + " on " + url
          + "; check the id (vtstatus submit prints one) and --url");
    }
  }

  @Test
  void malformedJobIdGetsTheServersExplanationAndExitsTwo() {
    // Given / When
    CliRun run = CliRun.run("status", "no-such-job", "--url", url);
    // Then the problem+json detail reaches the user in one line; the id was the caller's mistake
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("error: " + url + " rejected the request: ").contains("no-such-job");
  }

  @Test
  void wrongApiKeyIsOneLineSayingWhichOptionToFix() throws Exception {
    // Given a server that wants a key
    VtStatusServer.run(c -> CliRun.quickJobs(c).apiKeys(Set.of("right")), guarded -> {
      String guardedUrl = guarded.baseUrl().toString();
      // When
      CliRun run = CliRun.run("submit", "--url", guardedUrl, "--api-key", "wrong");
      CliRun ok = CliRun.run("submit", "--url", guardedUrl, "--api-key", "right");
      // Then
      assertThat(run.exitCode()).isEqualTo(ExitCode.SERVER);
      assertThat(run.errLines()).containsExactly("error: " + guardedUrl
          + " rejected the API key; pass the right one with --api-key or VTSTATUS_API_KEY");
      assertThat(ok.exitCode()).as(ok.err()).isZero();
    });
  }

  @Test
  void unreachableServerIsOneLineForEveryCommand() {
    // Given a port nothing listens on
    String nowhere = Ports.unreachableUrl();
    String expected = "error: cannot reach " + nowhere
        + ": connection refused; is the server running? start one with ./vtstatus server";
    // When / Then
    for (String[] args : new String[][] {
        {"submit", "--url", nowhere}, {"status", "x", "--url", nowhere},
        {"wait", "x", "--url", nowhere, "--progress", "none"}}) {
      CliRun run = CliRun.run(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.SERVER);
      assertThat(run.errLines()).as(String.join(" ", args)).containsExactly(expected);
    }
  }

  @Test
  void urlThatIsNotHttpIsAUsageError() {
    // Given / When
    CliRun run = CliRun.run("status", "x", "--url", "localhost:5000");
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--url 'localhost:5000' is not an http:// URL");
  }

  @Test
  void verboseShowsTheStackTraceOfAServerFailure() {
    // Given / When
    String unknown = UUID.randomUUID().toString();
    CliRun run = CliRun.run("status", unknown, "--url", url, "--verbose");
    // Then
    assertThat(run.err()).contains("error: no job " + unknown, "JobNotFoundException", "\tat ");
  }

  @Test
  void verboseMayAlsoComeBeforeTheCommandName() {
    // Given / When
    String unknown = UUID.randomUUID().toString();
    CliRun run = CliRun.run("--verbose", "status", unknown, "--url", url);
    CliRun quiet = CliRun.run("status", unknown, "--url", url);
    // Then
    assertThat(run.err()).contains("error: no job " + unknown, "\tat ");
    assertThat(quiet.err()).doesNotContain("\tat ");
  }

  @Test
  void urlMayNameSeveralReplicasAndTheCommandUsesOneThatAnswers() throws Exception {
    // Given: the first replica named is down
    String down = Ports.unreachableUrl();
    // When
    CliRun run = CliRun.run("submit", "--wait", "--url", down + "," + url, "--simulate-duration", "100ms",
        "--simulate-outcome", "completed", "--progress", "none");
    // Then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(Json.mapper().readTree(run.out()).get("status").asText()).isEqualTo("completed");
  }

  @Test
  void urlNamingTheSameReplicaTwiceIsRefused() {
    // Given / When
    CliRun run = CliRun.run("status", "x", "--url", url + "," + url);
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("names a URL twice");
  }

  @Test
  void urlWithNoReplicaAnsweringSaysWhichFailedFirst() {
    // Given / When
    String a = Ports.unreachableUrl();
    String b = Ports.unreachableUrl();
    CliRun run = CliRun.run("status", "x", "--url", a + "," + b);
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.SERVER);
    assertThat(run.err()).contains("cannot reach " + a + ": connection refused");
  }

  private String submit(Duration duration, JobStatus outcome) {
    try (VideoTranslationClient client = VideoTranslationClient.builder().baseUrl(url).build()) {
      return client.createJob(JobRequest.builder().simulate(new Simulation(duration, outcome)).build())
          .jobId();
    }
  }
}
