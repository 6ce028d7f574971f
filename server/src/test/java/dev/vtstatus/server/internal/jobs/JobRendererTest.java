package dev.vtstatus.server.internal.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.server.internal.store.CreateRequest;
import dev.vtstatus.server.internal.store.JobRecord;
import dev.vtstatus.server.internal.store.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobRendererTest {
  private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00.000Z");

  private static JobRecord job(long durationMillis, JobStatus outcome) {
    CreateRequest request = new CreateRequest("en", "es", "https://v.example/a.mp4", null, null,
        "{\"k\":\"v \\\"quoted\\\"\"}", null, null);
    return new JobRecord("3f6c0000-0000-4000-8000-000000000001", 1, CREATED,
        CREATED.plusMillis(durationMillis), outcome, request, "0af7651916cd43dd8448eb211c80319c", null,
        null, JobRecord.BASE_SIZE, null);
  }

  private static JobRenderer renderer(double noise, Duration maxWait) {
    return new JobRenderer(ServerConfig.builder().estimateNoise(noise).maxWait(maxWait).build());
  }

  private static Job parse(JobRenderer.Rendered rendered) {
    try {
      return Json.mapper().readValue(rendered.json(), Job.class);
    } catch (IOException e) {
      throw new AssertionError("not a job: " + rendered.text(), e);
    }
  }

  @Test
  void estimatesAreOffByAtMostTheNoiseShareOfTheRemainingTime() {
    // Given
    JobRenderer renderer = renderer(0.3, Duration.ofSeconds(60));
    JobRecord job = job(10_000, JobStatus.COMPLETED);
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
    JobRecord job = job(1000, JobStatus.COMPLETED);

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
    JobRecord job = job(10_000, JobStatus.COMPLETED);

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
    JobRecord job = job(1000, JobStatus.COMPLETED);

    // When
    var tree = Json.mapper().readTree(renderer.render(job, CREATED.plusMillis(10)).json());
    Job view = parse(renderer.render(job, CREATED.plusMillis(10)));

    // Then
    assertThat(tree.has("completed_at")).isTrue();
    assertThat(tree.has("terminal")).isFalse();
    assertThat(view.jobId()).isEqualTo(job.id());
    assertThat(view.status()).isEqualTo(JobStatus.PENDING);
    assertThat(view.createdAt()).isEqualTo(CREATED);
    assertThat(view.updatedAt()).isEqualTo(CREATED);
    assertThat(view.sourceLanguage()).isEqualTo("en");
    assertThat(view.metadata()).containsEntry("k", "v \"quoted\"");
  }

  @Test
  void terminalJsonNeverChanges() {
    // Given
    JobRenderer renderer = renderer(0.3, Duration.ofSeconds(60));
    JobRecord job = job(1000, JobStatus.ERROR);

    // When
    JobRenderer.Rendered first = renderer.render(job, CREATED.plusMillis(1000));
    JobRenderer.Rendered later = renderer.render(job, CREATED.plusSeconds(100));

    // Then
    assertThat(later.json()).isEqualTo(first.json());
    Job view = parse(first);
    assertThat(view.status()).isEqualTo(JobStatus.ERROR);
    assertThat(view.completedAt()).isEqualTo(CREATED.plusMillis(1000));
    assertThat(view.error().code()).isEqualTo(JobRenderer.ERROR_CODE);
    assertThat(first.text()).doesNotContain("terminal");
  }

  @Test
  void forcedFailureShowsItsOwnCodeAndMessage() {
    // Given
    JobRenderer renderer = renderer(0, Duration.ofSeconds(60));
    JobRecord job = job(1000, JobStatus.COMPLETED).withOutcome(
        new Outcome(JobStatus.ERROR, CREATED.plusMillis(300), "quota_exceeded", "no minutes left", 7));

    // When
    Job view = parse(renderer.render(job, CREATED.plusMillis(5000)));

    // Then
    assertThat(view.status()).isEqualTo(JobStatus.ERROR);
    assertThat(view.completedAt()).isEqualTo(CREATED.plusMillis(300));
    assertThat(view.error().code()).isEqualTo("quota_exceeded");
    assertThat(view.error().message()).isEqualTo("no minutes left");
  }

  @Test
  void seedRoutesShowCanceledAsError() {
    // When / Then
    assertThat(JobRenderer.renderSeed(JobStatus.CANCELED).result()).isEqualTo("error");
    assertThat(JobRenderer.renderSeed(JobStatus.CANCELED).message()).isEqualTo("the job was canceled");
    assertThat(JobRenderer.renderSeed(JobStatus.PENDING).result()).isEqualTo("pending");
  }
}
