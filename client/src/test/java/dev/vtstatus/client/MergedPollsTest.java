package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.fakes.FakeTransport.Recorded;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.protocol.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MergedPollsTest {

  /** Creates jobs of {@code duration}, one per entry of {@code gaps} after waiting that long, and waits for all. */
  private static List<Job> createAndWait(ClientHarness h, Duration duration, long... gapsMillis) {
    JobRequest request = JobRequest.builder().simulate(new Simulation(duration, null)).build();
    List<CompletableFuture<Job>> waits = new ArrayList<>();
    for (long gap : gapsMillis) {
      h.scheduler.advance(Duration.ofMillis(gap));
      CompletableFuture<Job> created = h.client.createJobAsync(request);
      h.scheduler.runUntil(created::isDone);
      waits.add(h.client.waitForResultAsync(created.join().jobId()));
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    h.scheduler.runUntil(all::isDone);
    return waits.stream().map(CompletableFuture::join).toList();
  }

  private static List<String> reads(ClientHarness h, Instant start) {
    return h.transport.calls().stream()
        .filter(c -> c.method().equals("GET") && c.pathAndQuery().startsWith("/v1/jobs"))
        .map(c -> Duration.between(start, c.at()).toMillis() + " " + c.pathAndQuery())
        .toList();
  }

  @Test
  void pollsDueWithinTheWindowGoAsOneBatchReadAndALaterOneAlone() {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.hinted()))) {
      // Given: four 10 s jobs created at 0, 2, 4 and 20 ms; exact estimates, so hinted's looks
      // come at 8.192 s and 10.082 s of each job's age
      Instant start = h.clock.instant();

      // When
      List<Job> done = createAndWait(h, Duration.ofSeconds(10), 0, 2, 2, 16);

      // Then: the looks due at 8.192, 8.194 and 8.196 s joined a read a window (5 ms) before they
      // were due, which went as one batch read at 8.192 s, when the first was due; the fourth, due
      // 16 ms later, went alone; likewise the next round, planned from the answers seen at 8.192
      // and 8.212 s
      assertThat(done).extracting(Job::status).containsOnly(JobStatus.COMPLETED);
      assertThat(reads(h, start)).containsExactly(
          "8192 /v1/jobs?ids=job-1,job-2,job-3",
          "8212 /v1/jobs?ids=job-4",
          "10082 /v1/jobs?ids=job-1,job-2,job-3",
          "10102 /v1/jobs?ids=job-4");
      assertThat(h.listener.summaries()).allSatisfy(s -> assertThat(s.requests()).isEqualTo(2));
    }
  }

  @Test
  void aBatchHoldsAtMostTheServersLimitOfIds() {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.hinted()))) {
      // Given: 150 jobs created at the same moment
      long[] gaps = new long[150];

      // When
      createAndWait(h, Duration.ofSeconds(10), gaps);

      // Then: each round of looks is one read of 100 ids and one of 50
      List<Recorded> batches = h.transport.calls("GET", "/v1/jobs?ids=");
      assertThat(batches).hasSize(4);
      assertThat(batches).extracting(c -> c.pathAndQuery().split(",").length).containsExactly(100, 50, 100, 50);
    }
  }

  @Test
  void theSeedScheduleAndServersWithoutBatchReadsKeepOneRequestPerPoll() {
    // Given: the seed's schedule on a server with batch reads, and hinted on one without
    try (ClientHarness seed = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.seed()));
        ClientHarness noBatch = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.hinted()))) {
      noBatch.server.features(Protocol.FEATURE_LONG_POLL);

      // When
      createAndWait(seed, Duration.ofSeconds(3), 0, 1);
      createAndWait(noBatch, Duration.ofSeconds(10), 0, 1);

      // Then
      assertThat(seed.transport.calls("GET", "/v1/jobs?ids=")).isEmpty();
      assertThat(seed.transport.calls("GET", "/v1/jobs/")).hasSize(6);
      assertThat(noBatch.transport.calls("GET", "/v1/jobs?ids=")).isEmpty();
      assertThat(noBatch.transport.calls("GET", "/v1/jobs/")).hasSize(4);
    }
  }
}
