package dev.vtstatus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.junit.VtStatusServer;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class QuickStartTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  /** Runs the quick start against a server with short jobs that end in {@code errorProbability}. */
  private Job runAgainstServer(double errorProbability) throws Exception {
    AtomicReference<Job> done = new AtomicReference<>();
    VtStatusServer.run(c -> c.minDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(300))
        .errorProbability(errorProbability), server -> done.set(QuickStart.run(server.baseUrl().toString(), out)));
    return done.get();
  }

  @Test
  void printsTheTranslatedVideoAndTheMetricsOfOneJob() throws Exception {
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
  void printsWhyAFailedJobFailed() throws Exception {
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
