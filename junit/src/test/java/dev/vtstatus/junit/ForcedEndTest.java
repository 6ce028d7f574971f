package dev.vtstatus.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.ApiException;
import dev.vtstatus.client.JobNotFoundException;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Forcing a job's end through the extension: seen at once by a waiting client, decided once. */
class ForcedEndTest {
  /** Jobs that would take an hour: only a forced end can finish them within a test. */
  @RegisterExtension
  static final VtStatusServerExtension SERVER = VtStatusServerExtension.builder()
      .configure(c -> c.minDelay(Duration.ofHours(1)).maxDelay(Duration.ofHours(1)))
      .build();

  private static final Duration PROMPTLY = Duration.ofSeconds(5);

  @Test
  void completeNowEndsAnHourLongJobForAWaitingClient(VtStatusServer server) {
    // Given
    Job job = server.client().createJob();

    // When
    Job forced = server.completeNow(job.jobId());
    Job seen = server.client().waitForResult(job.jobId(), PROMPTLY);

    // Then
    assertThat(forced.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(forced.result()).isNotNull();
    assertThat(seen.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(seen.completedAt()).isEqualTo(forced.completedAt()).isBefore(Instant.now().plusSeconds(1));
  }

  @Test
  void failNowGivesTheDefaultCodeOrTheOneAskedFor(VtStatusServer server) {
    // Given
    Job plain = server.client().createJob();
    Job custom = server.client().createJob();

    // When
    server.failNow(plain.jobId());
    server.failNow(custom.jobId(), "bad_audio", "no speech found");

    // Then
    Job plainSeen = server.client().waitForResult(plain.jobId(), PROMPTLY);
    Job customSeen = server.client().waitForResult(custom.jobId(), PROMPTLY);
    assertThat(plainSeen.status()).isEqualTo(JobStatus.ERROR);
    assertThat(plainSeen.error().code()).isEqualTo("translation_failed");
    assertThat(customSeen.status()).isEqualTo(JobStatus.ERROR);
    assertThat(customSeen.error().code()).isEqualTo("bad_audio");
    assertThat(customSeen.error().message()).isEqualTo("no speech found");
  }

  @Test
  void aJobEndsOnceWhateverIsForcedAfter(VtStatusServer server) {
    // Given
    Job job = server.client().createJob();
    server.completeNow(job.jobId());

    // When / Then
    assertThatThrownBy(() -> server.failNow(job.jobId()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.statusCode()).isEqualTo(409))
        .hasMessageContaining("completed");
    assertThat(server.client().getStatus(job.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aCanceledJobCannotBeForced(VtStatusServer server) {
    // Given
    Job job = server.client().createJob();
    server.client().cancel(job.jobId());

    // When / Then
    assertThatThrownBy(() -> server.completeNow(job.jobId()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
  }

  @Test
  void forcingAnUnknownJobIsNotFound(VtStatusServer server) {
    assertThatThrownBy(() -> server.completeNow("3f6c9a0e-5b7d-4c1e-9f00-1d2e3f4a5b6c"))
        .isInstanceOf(JobNotFoundException.class);
  }
}
