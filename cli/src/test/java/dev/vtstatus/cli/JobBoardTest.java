package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.WaitSummary;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.testing.FakeClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobBoardTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void tracksStatusElapsedAndRequestsPerJob() {
    // Given two created jobs
    FakeClock clock = new FakeClock(T0);
    JobBoard board = new JobBoard(clock);
    board.jobCreated(job("a", JobStatus.PENDING, 0.0), null);
    board.jobCreated(job("b", JobStatus.PENDING, 0.0), null);
    // When a's status is read twice and b ends after 2 s
    board.requestSent("a", "GET", URI.create("http://x/v1/jobs/a"), 1);
    board.requestSent("a", "GET", URI.create("http://x/v1/jobs/a"), 1);
    board.statusPolled("a", job("a", JobStatus.PENDING, 0.5), Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(2));
    board.jobFinished("b", job("b", JobStatus.ERROR, 1.0),
        new WaitSummary("b", JobStatus.ERROR, Duration.ofMillis(1900), 3, Duration.ofMillis(12)));
    clock.advance(Duration.ofSeconds(1));
    // Then a keeps ticking while b's time is final
    List<JobBoard.Row> rows = board.rows();
    assertThat(rows).extracting(JobBoard.Row::jobId).containsExactly("a", "b");
    assertThat(rows.get(0).status()).isEqualTo(JobStatus.PENDING);
    assertThat(rows.get(0).elapsed()).isEqualTo(Duration.ofSeconds(3));
    assertThat(rows.get(0).requests()).isEqualTo(2);
    assertThat(rows.get(1).status()).isEqualTo(JobStatus.ERROR);
    assertThat(rows.get(1).elapsed()).isEqualTo(Duration.ofMillis(1900));
    assertThat(rows.get(1).requests()).isEqualTo(3);
    assertThat(JobBoard.summary(rows)).isEqualTo("1 pending, 1 error; 5 requests");
    assertThat(JobBoard.line(rows.get(0))).isEqualTo("  a            pending    50%      3s  2 requests");
  }

  @Test
  void movesProgressAlongTheServersEstimateBetweenObservations() {
    // Given a job created at T0 that the server expects to end at T0 + 4 s
    FakeClock clock = new FakeClock(T0);
    JobBoard board = new JobBoard(clock);
    board.jobCreated(new Job("a", JobStatus.PENDING, 0.0, T0, T0, null, T0.plusSeconds(4), null,
        null, null, null, null, null, null), null);
    // When 1 s passes, and later 10 s
    clock.advance(Duration.ofSeconds(1));
    Double quarter = board.rows().get(0).progress();
    clock.advance(Duration.ofSeconds(9));
    Double overdue = board.rows().get(0).progress();
    // Then it shows a quarter, then stops short of done
    assertThat(quarter).isEqualTo(0.25);
    assertThat(overdue).isEqualTo(0.99);
  }

  @Test
  void shortensLongIds() {
    // Given / When / Then
    assertThat(JobBoard.shortId("0123456789abcdef")).isEqualTo("01234567");
    assertThat(JobBoard.shortId("short")).isEqualTo("short");
  }

  private static Job job(String id, JobStatus status, Double progress) {
    return new Job(id, status, progress, T0, T0, null, null, null, null, null, null, null, null, null);
  }
}
