package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobRendererTest {
  private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00.000Z");

  private static SimulatedJob job(long durationMillis, JobStatus outcome) {
    CreateRequest request = new CreateRequest("en", "es", "https://v.example/a.mp4", null,
        Map.of("k", "v \"quoted\""), null, null);
    return new SimulatedJob("3f6c0000-0000-4000-8000-000000000001", 1, CREATED,
        CREATED.plusMillis(durationMillis), outcome, request, "0af7651916cd43dd8448eb211c80319c", null);
  }

  private static JobRenderer renderer(double noise, Duration maxWait) {
    return new JobRenderer(ServerConfig.builder().estimateNoise(noise).maxWait(maxWait).build());
  }

  private static Job parse(JobRenderer.Rendered rendered) {
    return TestHttp.read(rendered.text(), Job.class);
  }

  @Test
  void statusFollowsTheClockUntilTheTerminalStateIsDecidedThenKeepsIt() {
    // Given
    SimulatedJob job = job(1000, JobStatus.ERROR);

    // When / Then
    assertThat(job.status(CREATED.plusMillis(999))).isEqualTo(JobStatus.PENDING);
    assertThat(job.status(CREATED.plusMillis(1000))).isEqualTo(JobStatus.ERROR);
    assertThat(job.status(CREATED.plusMillis(999))).isEqualTo(JobStatus.ERROR);
    assertThat(job.status(CREATED.plusSeconds(3600))).isEqualTo(JobStatus.ERROR);
    assertThat(job.completedAt(CREATED.plusMillis(999))).isEqualTo(CREATED.plusMillis(1000));
  }

  @Test
  void cancelWithAnEarlierClockReadingFailsOnceAReadPastThePlannedEndDecidedTheOutcome() {
    // Given
    JobRenderer renderer = renderer(0, Duration.ofSeconds(60));
    SimulatedJob job = job(1000, JobStatus.COMPLETED);
    Instant staleReading = CREATED.plusMillis(999);
    JobRenderer.Rendered read = renderer.render(job, CREATED.plusMillis(1000));

    // When
    boolean canceled = job.cancel(staleReading);

    // Then
    assertThat(read.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(canceled).isFalse();
    assertThat(job.status(staleReading)).isEqualTo(JobStatus.COMPLETED);
    assertThat(JobRenderer.renderSeed(job, staleReading).result()).isEqualTo("completed");
    Job shown = parse(renderer.render(job, CREATED.plusMillis(1001)));
    assertThat(shown.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(shown.completedAt()).isEqualTo(CREATED.plusMillis(1000));
  }

  @Test
  void cancelBeforeThePlannedEndDecidesCanceledForEveryLaterRead() {
    // Given
    JobRenderer renderer = renderer(0, Duration.ofSeconds(60));
    SimulatedJob job = job(1000, JobStatus.COMPLETED);

    // When
    boolean canceled = job.cancel(CREATED.plusMillis(999));

    // Then
    assertThat(canceled).isTrue();
    Job shown = parse(renderer.render(job, CREATED.plusMillis(5000)));
    assertThat(shown.status()).isEqualTo(JobStatus.CANCELED);
    assertThat(shown.completedAt()).isEqualTo(CREATED.plusMillis(999));
    assertThat(job.cancel(CREATED.plusMillis(999))).isFalse();
    assertThat(JobRenderer.renderSeed(job, CREATED.plusMillis(5000)).result()).isEqualTo("error");
  }

  @Test
  void cancelOnlyTakesWhilePending() {
    // Given
    SimulatedJob pending = job(1000, JobStatus.COMPLETED);
    SimulatedJob ended = job(1000, JobStatus.COMPLETED);

    // When
    boolean canceled = pending.cancel(CREATED.plusMillis(400));
    boolean late = ended.cancel(CREATED.plusMillis(1000));

    // Then
    assertThat(canceled).isTrue();
    assertThat(pending.status(CREATED.plusMillis(2000))).isEqualTo(JobStatus.CANCELED);
    assertThat(pending.completedAt(CREATED.plusMillis(2000))).isEqualTo(CREATED.plusMillis(400));
    assertThat(late).isFalse();
    assertThat(ended.status(CREATED.plusMillis(2000))).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void estimatesAreOffByAtMostTheNoiseShareOfTheRemainingTime() {
    // Given
    JobRenderer renderer = renderer(0.3, Duration.ofSeconds(60));
    SimulatedJob job = job(10_000, JobStatus.COMPLETED);
    Instant now = CREATED.plusMillis(6000);

    // When / Then
    boolean sawEarly = false;
    boolean sawLate = false;
    for (int i = 0; i < 200; i++) {
      Job view = parse(renderer.render(job, now));
      long estimate = Duration.between(now, view.estimatedCompletionAt()).toMillis();
      assertThat(estimate).isBetween(2800L, 5200L);
      assertThat(view.pollAfter().toMillis()).isEqualTo(estimate);
      assertThat(view.progress()).isBetween(0.5, 0.7);
      sawEarly |= estimate < 3900;
      sawLate |= estimate > 4100;
    }
    assertThat(sawEarly && sawLate).isTrue();
  }

  @Test
  void zeroNoiseGivesExactEstimates() {
    // Given
    JobRenderer renderer = renderer(0, Duration.ofSeconds(60));
    SimulatedJob job = job(1000, JobStatus.COMPLETED);

    // When
    Job view = parse(renderer.render(job, CREATED.plusMillis(250)));

    // Then
    assertThat(view.estimatedCompletionAt()).isEqualTo(CREATED.plusMillis(1000));
    assertThat(view.progress()).isEqualTo(0.25);
  }

  @Test
  void pollHintIsClampedToTheFloorAndToMaxWait() {
    // Given
    JobRenderer renderer = renderer(0, Duration.ofSeconds(2));
    SimulatedJob job = job(10_000, JobStatus.COMPLETED);

    // When
    JobRenderer.Rendered early = renderer.render(job, CREATED);
    JobRenderer.Rendered late = renderer.render(job, CREATED.plusMillis(9990));

    // Then
    assertThat(early.pollAfterMillis()).isEqualTo(2000);
    assertThat(late.pollAfterMillis()).isEqualTo(JobRenderer.MIN_POLL_AFTER.toMillis());
    assertThat(JobRenderer.retryAfterSeconds(late.pollAfterMillis())).isEqualTo("1");
    assertThat(JobRenderer.retryAfterSeconds(2001)).isEqualTo("3");
  }

  @Test
  void pendingJsonCarriesEveryFieldOfTheJobRecord() throws Exception {
    // Given
    JobRenderer renderer = renderer(0.3, Duration.ofSeconds(60));
    SimulatedJob job = job(1000, JobStatus.COMPLETED);

    // When
    var tree = Json.mapper().readTree(renderer.render(job, CREATED.plusMillis(10)).json());
    Job view = parse(renderer.render(job, CREATED.plusMillis(10)));

    // Then
    assertThat(tree.has("completed_at")).isTrue();
    assertThat(tree.has("terminal")).isFalse();
    assertThat(view.jobId()).isEqualTo(job.id);
    assertThat(view.status()).isEqualTo(JobStatus.PENDING);
    assertThat(view.createdAt()).isEqualTo(CREATED);
    assertThat(view.updatedAt()).isEqualTo(CREATED);
    assertThat(view.sourceLanguage()).isEqualTo("en");
    assertThat(view.metadata()).containsEntry("k", "v \"quoted\"");
  }

  @Test
  void terminalJsonIsWrittenOnceAndNeverChanges() {
    // Given
    JobRenderer renderer = renderer(0.3, Duration.ofSeconds(60));
    SimulatedJob job = job(1000, JobStatus.ERROR);

    // When
    JobRenderer.Rendered first = renderer.render(job, CREATED.plusMillis(1000));
    JobRenderer.Rendered later = renderer.render(job, CREATED.plusSeconds(100));

    // Then
    assertThat(later.json()).isSameAs(first.json());
    Job view = parse(first);
    assertThat(view.status()).isEqualTo(JobStatus.ERROR);
    assertThat(view.completedAt()).isEqualTo(CREATED.plusMillis(1000));
    assertThat(view.error().code()).isEqualTo(JobRenderer.ERROR_CODE);
    assertThat(first.text()).doesNotContain("terminal");
  }
}
