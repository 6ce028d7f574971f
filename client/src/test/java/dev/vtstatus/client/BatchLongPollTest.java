package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.fakes.FakeTransport.Recorded;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BatchLongPollTest {

  private static ClientHarness longPolling() {
    return ClientHarness.create(b -> b.waitStrategy(WaitStrategy.longPoll(Duration.ofSeconds(30)))
        .timeout(Duration.ofMinutes(5)));
  }

  /** Waits for jobs the harness's server already holds, until every wait has ended. */
  private static List<Job> waitForAll(ClientHarness h, List<String> ids) {
    List<CompletableFuture<Job>> waits = new ArrayList<>();
    ids.forEach(id -> waits.add(h.client.waitForResultAsync(id)));
    CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    h.scheduler.runUntil(all::isDone);
    return waits.stream().map(CompletableFuture::join).toList();
  }

  private static List<Recorded> longPolls(ClientHarness h) {
    return h.transport.calls("GET", "/v1/jobs?ids=").stream()
        .filter(c -> c.pathAndQuery().contains("&wait="))
        .toList();
  }

  @Test
  void concurrentWaitsShareBatchLongPollsOfAtMostFiftyJobs() {
    try (ClientHarness h = longPolling()) {
      // Given: 120 jobs ending at 40 s, 40.001 s, ...
      Instant start = h.clock.instant();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        ids.add(h.server.addJob("j" + i, Duration.ofMillis(40_000 + i), JobStatus.COMPLETED).id());
      }

      // When
      List<Job> done = waitForAll(h, ids);

      // Then: the waits gathered for 5 ms and went out as three requests of 50, 50 and 20 jobs;
      // every end was seen the moment it happened
      assertFirstGroups(h, done, start, 5, 50, 50, 20);
      // fewer requests than jobs: each end answers one group, whose others are renewed together
      assertThat(longPolls(h).size()).isLessThan(3 * 120);
      assertThat(h.transport.calls("GET", "/v1/jobs/")).isEmpty();
    }
  }

  /**
   * Asserts that the 120 jobs ended completed, that their first long polls went at {@code sentAtMillis}
   * as groups of {@code sizes} jobs, and that every end was seen within 5 ms.
   */
  private static void assertFirstGroups(
      ClientHarness h, List<Job> done, Instant start, long sentAtMillis, Integer... sizes) {
    assertThat(done).hasSize(120).extracting(Job::status).containsOnly(JobStatus.COMPLETED);
    List<Recorded> first = longPolls(h).subList(0, sizes.length);
    assertThat(first).extracting(c -> Duration.between(start, c.at()).toMillis()).containsOnly(sentAtMillis);
    assertThat(first).extracting(c -> c.pathAndQuery().split(",").length).containsExactly(sizes);
    assertThat(h.listener.summaries()).allSatisfy(s -> assertThat(s.detectionLatency()).isLessThanOrEqualTo(
        Duration.ofMillis(5)));
  }

  /** Creates 120 jobs of {@code duration}, 1 ms apart, and waits for all of them. */
  private static List<Job> create120AndWait(ClientHarness h, Duration duration) {
    Duration[] durations = new Duration[120];
    java.util.Arrays.fill(durations, duration);
    return createAndWait(h, Duration.ofMillis(1), durations);
  }

  /** Creates one job of each duration, {@code gap} apart, and waits for all of them. */
  private static List<Job> createAndWait(ClientHarness h, Duration gap, Duration... durations) {
    List<CompletableFuture<Job>> waits = new ArrayList<>();
    for (Duration duration : durations) {
      CompletableFuture<Job> created = h.client.createJobAsync(
          JobRequest.builder().simulate(new Simulation(duration, null)).build());
      h.scheduler.runUntil(created::isDone);
      waits.add(h.client.waitForResultAsync(created.join().jobId()));
      h.scheduler.advance(gap);
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    h.scheduler.runUntil(all::isDone);
    return waits.stream().map(CompletableFuture::join).toList();
  }

  @Test
  void aBurstOfCreatesFillsWholeGroupsInsteadOfGoingAFewAtATime() {
    try (ClientHarness h = longPolling()) {
      // Given: 120 jobs of a minute, created 1 ms apart, so 5% of their estimated time is far
      // beyond the 250 ms the waits may gather
      Instant start = h.clock.instant();

      // When
      List<Job> done = create120AndWait(h, Duration.ofMinutes(1));

      // Then: every wait gathered until 250 ms after the first, and they went as 50, 50 and 20
      assertFirstGroups(h, done, start, 250, 50, 50, 20);
    }
  }

  @Test
  void shortJobsGoInSmallerGroupsSoThatFewEndWhileTheirGroupIsRenewed() {
    try (ClientHarness h = longPolling()) {
      // Given: 120 jobs of 3 s created 1 ms apart; they gather for 150 ms (5% of 3 s), when the
      // median job has 2.91 s left
      Instant start = h.clock.instant();

      // When
      List<Job> done = create120AndWait(h, Duration.ofSeconds(3));

      // Then: groups of 29 (10 per second left), not 50; every end still seen at once
      assertFirstGroups(h, done, start, 150, 29, 29, 29, 29, 4);
    }
  }

  @Test
  void theWaitWhoseJobIsEstimatedToEndSoonestDecidesWhenTheGroupGoes() {
    try (ClientHarness h = longPolling()) {
      // Given: a job of 2 s, then 10 ms later one of a minute
      Instant start = h.clock.instant();

      // When
      List<Job> done = createAndWait(h, Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofMinutes(1));

      // Then: the group went at 5% of the first job's 2 s (100 ms), with both jobs, not at the
      // 250 ms the second alone could have gathered
      assertThat(done).extracting(Job::status).containsOnly(JobStatus.COMPLETED);
      Recorded first = longPolls(h).get(0);
      assertThat(Duration.between(start, first.at())).isEqualTo(Duration.ofMillis(100));
      assertThat(first.pathAndQuery().split(",")).hasSize(2);
    }
  }

  @Test
  void groupsSentTogetherAskForSpreadWaitsSoTheirRenewalsDoNotComeInAHerd() {
    try (ClientHarness h = longPolling()) {
      // Given: 400 jobs that outlast several waits
      Instant start = h.clock.instant();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        ids.add(h.server.addJob("j" + i, Duration.ofSeconds(100), JobStatus.COMPLETED).id());
      }

      // When
      waitForAll(h, ids);

      // Then: 8 groups asked for 30, 29.062, ... 23.437 s (a quarter of the wait spread over
      // them), so they came back and were renewed at 8 distinct moments, each renewal alone
      List<String> firstRound = longPolls(h).subList(0, 8).stream()
          .map(c -> c.pathAndQuery().replaceAll(".*&wait=", "")).toList();
      assertThat(firstRound).containsExactly("30", "29.062", "28.125", "27.187", "26.250", "25.312", "24.375", "23.437");
      List<Long> renewals = longPolls(h).subList(8, 16).stream()
          .map(c -> Duration.between(start, c.at()).toMillis()).sorted().toList();
      assertThat(renewals).doesNotHaveDuplicates();
      for (int i = 1; i < renewals.size(); i++) {
        assertThat(renewals.get(i) - renewals.get(i - 1)).isGreaterThanOrEqualTo(900L);
      }
    }
  }

  @Test
  void aServerWithoutBatchLongPollsIsLongPolledJobByJob() {
    try (ClientHarness h = longPolling()) {
      // Given
      h.server.withoutBatchLongPoll();
      h.server.addJob("a", Duration.ofSeconds(3), JobStatus.COMPLETED);
      h.server.addJob("b", Duration.ofSeconds(4), JobStatus.ERROR);

      // When
      List<Job> done = waitForAll(h, List.of("a", "b"));

      // Then
      assertThat(done).extracting(Job::status).containsExactly(JobStatus.COMPLETED, JobStatus.ERROR);
      assertThat(longPolls(h)).isEmpty();
      assertThat(h.transport.calls("GET", "/v1/jobs/")).extracting(Recorded::pathAndQuery)
          .containsExactlyInAnyOrder("/v1/jobs/a?wait=30", "/v1/jobs/b?wait=30");
    }
  }
}
