package dev.vtstatus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuickStartTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  /** Runs the quick start against a server with short jobs that end in {@code errorProbability}. */
  private Job runAgainstServer(double errorProbability) {
    ServerConfig config =
        ServerConfig.builder()
            .host("127.0.0.1")
            .port(0)
            .minDelay(Duration.ofMillis(100))
            .maxDelay(Duration.ofMillis(300))
            .errorProbability(errorProbability)
            .build();
    try (JobServer server = JobServer.create(config).start()) {
      return QuickStart.run(server.url().toString(), out);
    }
  }

  @Test
  void printsTheTranslatedVideoAndTheMetricsOfOneJob() {
    // When
    Job done = runAgainstServer(0.0);

    // Then
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.sourceLanguage()).isEqualTo("en");
    assertThat(done.targetLanguage()).isEqualTo("es");
    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("created " + done.jobId())
        .contains("translated: " + done.result().videoUrl())
        .contains("1.0 success")
        .contains("total_jobs=1")
        .contains("successful_jobs=1");
  }

  @Test
  void printsWhyAFailedJobFailed() {
    // When
    Job done = runAgainstServer(1.0);

    // Then
    assertThat(done.status()).isEqualTo(JobStatus.ERROR);
    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("failed: " + done.error().message())
        .contains("0.0 success")
        .contains("failed_jobs=1");
  }
}
