package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.client.fakes.FakeTransport.Recorded;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import dev.vtstatus.testing.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventsChannelTest {

  private static JobRequest lasting(long millis, JobStatus outcome) {
    return JobRequest.builder().simulate(new Simulation(Duration.ofMillis(millis), outcome)).build();
  }

  private static List<String> batchReads(ClientHarness h) {
    return h.transport.calls("GET", "/v1/jobs?ids=").stream().map(Recorded::pathAndQuery).toList();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void oneStreamCarriesEveryJobAndJobsCreatedAfterItOpensNeedNoRead(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.events()))) {
      // Given: the first create opens the stream; the second comes after it is open
      Job first = h.call(mode, c -> c.createJob(lasting(2_000, JobStatus.COMPLETED)),
          c -> c.createJobAsync(lasting(2_000, JobStatus.COMPLETED)));
      h.scheduler.advance(Duration.ofMillis(100));
      Job second = h.call(mode, c -> c.createJob(lasting(1_000, JobStatus.ERROR)),
          c -> c.createJobAsync(lasting(1_000, JobStatus.ERROR)));

      // When
      Map<String, Job> done = h.call(mode, c -> c.waitForAll(List.of(first.jobId(), second.jobId())),
          c -> c.waitForAllAsync(List.of(first.jobId(), second.jobId())));

      // Then
      assertThat(done.get(first.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.get(second.jobId()).status()).isEqualTo(JobStatus.ERROR);
      assertThat(h.events.sources()).hasSize(1);
      assertThat(batchReads(h)).containsExactly("/v1/jobs?ids=" + first.jobId());
      assertThat(h.transport.calls("GET", "/v1/jobs/")).isEmpty();
      assertThat(h.listener.summaries()).extracting(WaitSummary::detectionLatency)
          .containsOnly(Duration.ZERO);
      assertThat(h.client.strategyName()).isEqualTo("events");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void resetRereadsEveryWatchedJobInOneBatch(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.auto()))) {
      // Given: three jobs whose events the stream loses, then a reset at 5 s
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Job job = h.call(mode, c -> c.createJob(lasting(1_000, JobStatus.COMPLETED)),
            c -> c.createJobAsync(lasting(1_000, JobStatus.COMPLETED)));
        ids.add(job.jobId());
        h.events.drop(job.jobId());
      }
      h.scheduler.schedule(h.events::reset, 5, TimeUnit.SECONDS);

      // When
      Map<String, Job> done = h.call(mode, c -> c.waitForAll(ids), c -> c.waitForAllAsync(ids));

      // Then
      assertThat(done.values()).extracting(Job::status).containsOnly(JobStatus.COMPLETED);
      assertThat(batchReads(h)).hasSize(2).allSatisfy(q -> assertThat(
          q.substring("/v1/jobs?ids=".length()).split(",")).containsExactlyInAnyOrderElementsOf(ids));
      assertThat(h.listener.events("finished")).hasSize(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void batchReadsNameAtMostOneHundredIds(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.events()))) {
      // Given: 250 jobs this client did not create
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        ids.add(h.server.addJob("j" + i, Duration.ofSeconds(1), JobStatus.COMPLETED).id());
      }

      // When
      Map<String, Job> done = h.call(mode, c -> c.waitForAll(ids), c -> c.waitForAllAsync(ids));

      // Then
      assertThat(done).hasSize(250);
      assertThat(batchReads(h)).hasSize(3)
          .allSatisfy(q -> assertThat(q.substring("/v1/jobs?ids=".length()).split(",").length).isLessThanOrEqualTo(100));
      assertThat(h.listener.events("finished")).hasSize(250);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void whenTheStreamGivesUpWaitsMoveToLongPollWithoutLosingOrRepeatingAJob(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.auto()))) {
      // Given: two jobs; the stream gives up at 500 ms, before either ends
      List<String> ids = new ArrayList<>();
      ids.add(h.call(mode, c -> c.createJob(lasting(2_000, JobStatus.COMPLETED)),
          c -> c.createJobAsync(lasting(2_000, JobStatus.COMPLETED))).jobId());
      ids.add(h.call(mode, c -> c.createJob(lasting(3_000, JobStatus.ERROR)),
          c -> c.createJobAsync(lasting(3_000, JobStatus.ERROR))).jobId());
      h.scheduler.schedule(() -> h.events.giveUp(new IOException("stream refused")), 500, TimeUnit.MILLISECONDS);
      h.events.failNextConnects(Integer.MAX_VALUE); // and every re-probe fails: it stays down

      // When
      Map<String, Job> done = h.call(mode, c -> c.waitForAll(ids), c -> c.waitForAllAsync(ids));

      // Then
      assertThat(done.get(ids.get(0)).status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.get(ids.get(1)).status()).isEqualTo(JobStatus.ERROR);
      assertThat(h.listener.events("channel")).containsExactly("channel events->long-poll");
      // both jobs went into one batch long poll; when the first ended, the other was renewed alone
      assertThat(h.transport.calls("GET", "/v1/jobs").stream()
              .filter(c -> c.at().isAfter(FakeClock.DEFAULT_START.plusMillis(500))).map(Recorded::pathAndQuery))
          .containsExactly("/v1/jobs?ids=" + ids.get(0) + "," + ids.get(1) + "&wait=60",
              "/v1/jobs?ids=" + ids.get(1) + "&wait=60");
      assertThat(h.listener.events("finished")).hasSize(2);
      assertThat(h.client.strategyName()).isEqualTo("long-poll");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void withoutLongPollsAStreamThatGivesUpHandsItsWaitsToAdaptivePolling(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.auto()))) {
      // Given: events but no long polls; the stream gives up at 500 ms
      h.server.features("events", "batch");
      String id = h.call(mode, c -> c.createJob(lasting(3_000, JobStatus.COMPLETED)),
          c -> c.createJobAsync(lasting(3_000, JobStatus.COMPLETED))).jobId();
      h.scheduler.schedule(() -> h.events.giveUp(new IOException("stream refused")), 500, TimeUnit.MILLISECONDS);
      h.events.failNextConnects(Integer.MAX_VALUE); // and every re-probe fails: it stays down

      // When
      Job job = h.call(mode, c -> c.waitForResult(id), c -> c.waitForResultAsync(id));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(h.listener.events("channel")).containsExactly("channel events->adaptive");
      assertThat(h.transport.calls("GET", "/v1/jobs")).isNotEmpty()
          .allSatisfy(c -> assertThat(c.pathAndQuery()).isEqualTo("/v1/jobs?ids=" + id));
      assertThat(h.listener.events("finished")).containsExactly("finished " + id + " completed");
      assertThat(h.client.strategyName()).isEqualTo("adaptive");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void longPollThatDoesNotWaitFallsBackToPolling(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.auto()))) {
      // Given: no events, and a server that answers long polls at once, hinting 200 ms
      h.server.features("long_poll", "batch");
      h.server.ignoreWait();
      h.server.estimate(remaining -> Duration.ofMillis(200));
      h.server.addJob("a", Duration.ofSeconds(4), JobStatus.COMPLETED);

      // When
      Job job = h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(h.listener.events("channel")).containsExactly("channel long-poll->adaptive");
      List<Recorded> reads = h.transport.calls("GET", "/v1/jobs/a");
      assertThat(reads.subList(0, 3)).allSatisfy(c -> assertThat(c.pathAndQuery()).contains("?wait="));
      assertThat(reads.subList(3, reads.size())).allSatisfy(c -> assertThat(c.pathAndQuery()).doesNotContain("wait="));
      assertThat(h.client.strategyName()).isEqualTo("adaptive");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void longPollAsksForTheLeastOfItsMaxTheServersMaxAndTheTimeLeft(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.longPoll(Duration.ofSeconds(30)))
        .requestTimeout(Duration.ofSeconds(5)))) {
      // Given: the server holds at most 20 s, long polls job by job; the job takes 60 s; the wait
      // has 45.5 s
      h.server.maxWait(Duration.ofSeconds(20)).withoutBatchLongPoll();
      h.server.addJob("a", Duration.ofSeconds(60), JobStatus.COMPLETED);

      // When
      h.call(mode, c -> {
        try {
          return c.waitForResult("a", Duration.ofMillis(45_500));
        } catch (WaitTimeoutException e) {
          return null;
        }
      }, c -> c.waitForResultAsync("a", Duration.ofMillis(45_500)).exceptionally(e -> null));

      // Then
      assertThat(h.transport.calls("GET", "/v1/jobs/a")).extracting(Recorded::pathAndQuery)
          .containsExactly("/v1/jobs/a?wait=20", "/v1/jobs/a?wait=20", "/v1/jobs/a?wait=5.500");
      Recorded last = h.transport.calls("GET", "/v1/jobs/a").get(2);
      assertThat(last.call().timeout()).isEqualTo(Duration.ofMillis(5_500));
      assertThat(h.listener.events("timedOut")).containsExactly("timedOut a 45500");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void longPollDetectsTheEndAtOnce(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.longPoll(Duration.ofSeconds(30))))) {
      // Given: a server that long polls job by job
      h.server.withoutBatchLongPoll();
      h.server.addJob("a", Duration.ofMillis(42_250), JobStatus.COMPLETED);

      // When
      Job job = h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(h.transport.calls("GET", "/v1/jobs/a")).hasSize(2);
      assertThat(h.listener.summaries()).singleElement()
          .satisfies(s -> assertThat(s.detectionLatency()).isEqualTo(Duration.ZERO));
    }
  }
}
