package dev.vtstatus.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.protocol.JobStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobRecordTest {
  private static final Instant CREATED = Instant.parse("2026-11-23T10:00:00.000Z");

  static JobRecord job(String id, long durationMillis, JobStatus outcome) {
    return new JobRecord(id, 1, CREATED, CREATED.plusMillis(durationMillis), outcome, CreateRequest.EMPTY,
        "0af7651916cd43dd8448eb211c80319c", null, null, JobRecord.BASE_SIZE, null);
  }

  @Test
  void undecidedStatusFollowsTheClockAndThePlan() {
    // Given
    JobRecord job = job("a", 1000, JobStatus.ERROR);

    // When / Then
    assertThat(job.status(CREATED.plusMillis(999))).isEqualTo(JobStatus.PENDING);
    assertThat(job.completedAt(CREATED.plusMillis(999))).isNull();
    assertThat(job.status(CREATED.plusMillis(1000))).isEqualTo(JobStatus.ERROR);
    assertThat(job.completedAt(CREATED.plusSeconds(3600))).isEqualTo(CREATED.plusMillis(1000));
  }

  @Test
  void storedOutcomeHoldsWhateverTheClockSays() {
    // Given
    JobRecord job = job("a", 1000, JobStatus.COMPLETED)
        .withOutcome(Outcome.of(JobStatus.CANCELED, CREATED.plusMillis(400)));

    // When / Then
    assertThat(job.status(CREATED)).isEqualTo(JobStatus.CANCELED);
    assertThat(job.status(CREATED.plusSeconds(5))).isEqualTo(JobStatus.CANCELED);
    assertThat(job.completedAt(CREATED.plusSeconds(5))).isEqualTo(CREATED.plusMillis(400));
  }

  @Test
  void onlyThePlannedEndIsAcceptedAtOrAfterThePlannedEnd() {
    // Given
    JobRecord job = job("a", 1000, JobStatus.COMPLETED);

    // When / Then
    assertThat(Transition.cancel(CREATED.plusMillis(999)).acceptableFor(job)).isTrue();
    assertThat(Transition.cancel(CREATED.plusMillis(1000)).acceptableFor(job)).isFalse();
    assertThat(Transition.forced(JobStatus.ERROR, CREATED.plusMillis(1000), null, null).acceptableFor(job)).isFalse();
    assertThat(Transition.plannedEnd().acceptableFor(job)).isTrue();
    assertThat(Transition.plannedEnd().outcomeFor(job)).isEqualTo(Outcome.of(JobStatus.COMPLETED, CREATED.plusMillis(1000)));
  }

  @Test
  void nothingIsAcceptedOnceAnOutcomeIsStored() {
    // Given
    JobRecord job = job("a", 1000, JobStatus.COMPLETED)
        .withOutcome(Outcome.of(JobStatus.CANCELED, CREATED.plusMillis(400)));

    // When / Then
    assertThat(Transition.plannedEnd().acceptableFor(job)).isFalse();
    assertThat(Transition.cancel(CREATED.plusMillis(500)).acceptableFor(job)).isFalse();
    assertThat(Transition.forced(JobStatus.COMPLETED, CREATED.plusMillis(500), null, null).acceptableFor(job)).isFalse();
  }

  @Test
  void aForcedEndIsCompletedOrError() {
    // When / Then
    assertThatThrownBy(() -> Transition.forced(JobStatus.CANCELED, CREATED, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Transition.forced(JobStatus.PENDING, CREATED, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
