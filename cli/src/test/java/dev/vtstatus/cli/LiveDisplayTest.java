package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.WaitSummary;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LiveDisplayTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

  @Test
  void ansiModeDrawsALinePerJobAndASummaryInPlace() {
    // Given a board with one pending and one completed job
    JobBoard board = boardWithTwoJobs();
    StringWriter out = new StringWriter();
    LiveDisplay display = new LiveDisplay(board, new PrintWriter(out), ProgressMode.ansi, clock);
    // When it starts and stops (stop draws the final state)
    display.start();
    display.stop();
    // Then each line is cleared before it is drawn, one per job plus the summary
    String drawn = out.toString();
    assertThat(drawn.split("\033\\[2K", -1)).hasSize(4);
    assertThat(drawn).contains("pending", "completed", "1 pending, 1 completed");
  }

  @Test
  void ansiModeShowsAtMostTwentyJobsSoTheRedrawFitsOnScreen() {
    // Given 25 jobs
    JobBoard board = new JobBoard(clock);
    for (int i = 0; i < 25; i++) {
      board.jobCreated(job("job-" + i, JobStatus.PENDING), null);
    }
    StringWriter out = new StringWriter();
    LiveDisplay display = new LiveDisplay(board, new PrintWriter(out), ProgressMode.ansi, clock);
    // When
    display.start();
    display.stop();
    // Then 20 job lines, one line for the rest, one summary
    assertThat(out.toString().split("\033\\[2K", -1)).hasSize(LiveDisplay.MAX_ROWS + 3);
    assertThat(out.toString()).contains("+ 5 more jobs", "25 pending");
  }

  @Test
  void plainModePrintsEndedJobsOnceWithoutEscapes() {
    // Given
    JobBoard board = boardWithTwoJobs();
    StringWriter out = new StringWriter();
    LiveDisplay display = new LiveDisplay(board, new PrintWriter(out), ProgressMode.plain, clock);
    // When
    display.start();
    display.stop();
    display.stop();
    // Then
    assertThat(out.toString()).doesNotContain("\033");
    assertThat(out.toString().lines().filter(l -> l.contains("completed  "))).hasSize(1);
    assertThat(out.toString()).contains("1 pending, 1 completed; 2 requests");
  }

  @Test
  void noneModeDrawsNothing() {
    // Given
    StringWriter out = new StringWriter();
    LiveDisplay display = new LiveDisplay(boardWithTwoJobs(), new PrintWriter(out), ProgressMode.none, clock);
    // When
    display.start();
    display.stop();
    // Then
    assertThat(out.toString()).isEmpty();
  }

  private JobBoard boardWithTwoJobs() {
    JobBoard board = new JobBoard(clock);
    board.jobCreated(job("a", JobStatus.PENDING), null);
    board.jobCreated(job("b", JobStatus.PENDING), null);
    board.jobFinished("b", job("b", JobStatus.COMPLETED),
        new WaitSummary("b", JobStatus.COMPLETED, Duration.ofSeconds(1), 2, null));
    return board;
  }

  private static Job job(String id, JobStatus status) {
    return new Job(id, status, null, T0, T0, null, null, null, null, null, null, null, null, null);
  }
}
