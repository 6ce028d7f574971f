package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.WaitSummary;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.testing.FakeClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void pendingJobShowsItsShareAndTheTimeLeft() {
    // Given a job created 1 s ago, due in 3 s: a quarter done
    Job job = new Job("j", JobStatus.PENDING, 0.2, NOW.minusSeconds(1), NOW, null,
        NOW.plusSeconds(3), null, null, null, null, null, null, null);
    // When
    String line = ProgressBar.render(job, Duration.ofMillis(1200), 2, NOW);
    // Then
    assertThat(line).isEqualTo(
        "[######------------------]  25%  pending    1.2s elapsed  ~3s left  2 requests");
  }

  @Test
  void overdueEstimateSaysAnyMomentNow() {
    // Given / When
    String line = ProgressBar.render(job(JobStatus.PENDING, 0.99, NOW.minusMillis(10)),
        Duration.ofSeconds(4), 1, NOW);
    // Then
    assertThat(line).contains("any moment now", "1 request").doesNotContain("left");
  }

  @Test
  void jobWithoutProgressShowsAQuestionMark() {
    // Given a seed-protocol job: no progress, no estimate
    // When
    String line = ProgressBar.render(job(JobStatus.PENDING, null, null), Duration.ZERO, 1, NOW);
    // Then
    assertThat(line).startsWith("[------------------------]    ?  pending");
  }

  @Test
  void serverProgressIsUsedWhenThereIsNoEstimate() {
    // Given / When
    String line = ProgressBar.render(job(JobStatus.PENDING, 0.4, null), Duration.ZERO, 1, NOW);
    // Then
    assertThat(line).startsWith("[##########--------------]  40%");
  }

  @Test
  void plainModeDoesNotRepeatAnUnchangedLine() {
    // Given
    StringWriter out = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(out), ProgressMode.plain,
        Clock.fixed(NOW, ZoneOffset.UTC));
    Job done = job(JobStatus.COMPLETED, 1.0, null);
    // When the last observation and the end report the same state
    bar.statusPolled("j", done, Duration.ofSeconds(2));
    bar.jobFinished("j", done, new WaitSummary("j", JobStatus.COMPLETED, Duration.ofSeconds(2), 0, null));
    // Then it is printed once
    assertThat(out.toString().lines()).hasSize(1);
  }

  @Test
  void plainModeStartsWithTheJobAsFirstSeen() {
    // Given
    StringWriter out = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(out), ProgressMode.plain,
        Clock.fixed(NOW, ZoneOffset.UTC));
    // When
    bar.start(job(JobStatus.PENDING, 0.1, null), id -> new CompletableFuture<>());
    bar.finish();
    bar.statusPolled("j", job(JobStatus.PENDING, 0.6, null), Duration.ofSeconds(2));
    // Then one line, and nothing after finish
    assertThat(out.toString().lines()).hasSize(1).allMatch(l -> l.contains(" 10%  pending"));
  }

  @Test
  void terminalJobIsAFullBar() {
    // Given / When
    String line = ProgressBar.render(job(JobStatus.ERROR, 0.4, null), Duration.ofSeconds(2), 3, NOW);
    // Then
    assertThat(line).startsWith("[########################] 100%  error");
  }

  @Test
  void redrawsInPlaceOnATerminalAndEndsTheLineWhenFinished() {
    // Given an ANSI bar
    StringWriter out = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(out), ProgressMode.ansi,
        Clock.fixed(NOW, ZoneOffset.UTC));
    // When two observations arrive and the wait ends
    bar.statusPolled("j", job(JobStatus.PENDING, 0.5, null), Duration.ofSeconds(1));
    bar.jobFinished("j", job(JobStatus.COMPLETED, 1.0, null),
        new WaitSummary("j", JobStatus.COMPLETED, Duration.ofSeconds(2), 2, null));
    bar.finish();
    // Then each draw returns to the start of the line and clears it, and the last one ends it
    assertThat(out.toString()).startsWith("\r\033[2K[############").contains("\r\033[2K[########################] 100%")
        .endsWith(System.lineSeparator());
    assertThat(out.toString().chars().filter(c -> c == '\n')).hasSize(1);
  }

  @Test
  void plainModePrintsOneLinePerObservation() {
    // Given
    StringWriter out = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(out), ProgressMode.plain,
        Clock.fixed(NOW, ZoneOffset.UTC));
    // When
    bar.statusPolled("j", job(JobStatus.PENDING, 0.1, null), Duration.ofSeconds(1));
    bar.statusPolled("j", job(JobStatus.PENDING, 0.6, null), Duration.ofSeconds(2));
    bar.finish();
    // Then
    assertThat(out.toString().lines()).hasSize(2).noneMatch(l -> l.contains("\033"));
  }

  @Test
  void overdueEstimateIsReadAgainAtGrowingGapsAndTheNewOneIsShown() {
    // Given a bar on a job due in 2 s, whose reads answer with a later estimate
    FakeClock clock = new FakeClock(NOW);
    StringWriter out = new StringWriter();
    List<String> reads = new ArrayList<>();
    List<CompletableFuture<Job>> answers = new ArrayList<>();
    ProgressBar bar = new ProgressBar(new PrintWriter(out), ProgressMode.plain, clock);
    bar.start(job(JobStatus.PENDING, 0.1, NOW.plusSeconds(2)), id -> {
      reads.add(id);
      CompletableFuture<Job> answer = new CompletableFuture<>();
      answers.add(answer);
      return answer;
    });

    // When time passes before the estimate, nothing is read
    clock.advance(Duration.ofMillis(1900));
    bar.tick();
    assertThat(reads).isEmpty();

    // When the estimate has passed, the job is read once, however often the bar ticks meanwhile
    clock.advance(Duration.ofMillis(200));
    bar.tick();
    bar.tick();
    assertThat(reads).containsExactly("j");

    // Then the fresh estimate replaces "any moment now"
    answers.get(0).complete(job(JobStatus.PENDING, 0.7, clock.instant().plusSeconds(3)));
    assertThat(out.toString().lines().reduce((a, b) -> b).orElseThrow()).contains("~3s left");

    // And when that one passes too, the next read waits out a doubled gap (2 s after the first)
    clock.advance(Duration.ofMillis(3100));
    bar.tick();
    assertThat(reads).hasSize(2);
    answers.get(1).complete(job(JobStatus.PENDING, 0.9, clock.instant().minusMillis(1)));
    clock.advance(Duration.ofMillis(1900));
    bar.tick();
    assertThat(reads).hasSize(2);
    clock.advance(Duration.ofMillis(2100));
    bar.tick();
    assertThat(reads).hasSize(3);
  }

  @Test
  void aFailedReadLeavesTheLastEstimateAndIsTriedAgainLater() {
    // Given an overdue job whose read fails
    FakeClock clock = new FakeClock(NOW);
    StringWriter out = new StringWriter();
    List<String> reads = new ArrayList<>();
    ProgressBar bar = new ProgressBar(new PrintWriter(out), ProgressMode.plain, clock);
    bar.start(job(JobStatus.PENDING, 0.1, NOW.plusSeconds(1)), id -> {
      reads.add(id);
      return CompletableFuture.failedFuture(new IllegalStateException("503"));
    });
    // When
    clock.advance(Duration.ofSeconds(2));
    bar.tick();
    clock.advance(Duration.ofSeconds(2));
    bar.tick();
    // Then it was read again after the gap, and the bar still shows the old figures
    assertThat(reads).hasSize(2);
    assertThat(out.toString().lines()).hasSize(1).allMatch(l -> l.contains("~1s left"));
  }

  private static Job job(JobStatus status, Double progress, Instant estimate) {
    return new Job("j", status, progress, NOW, NOW, null, estimate, null, null, null, null, null,
        null, null);
  }
}
