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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BackToEventsTest {
  private static final Instant T0 = FakeClock.DEFAULT_START;

  private static JobRequest lasting(long millis, JobStatus outcome) {
    return JobRequest.builder().simulate(new Simulation(Duration.ofMillis(millis), outcome)).build();
  }

  private static long at(Recorded call) {
    return Duration.between(T0, call.at()).toMillis();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void afterAFallbackTheClientReprobesWithBackoffAndReturnsToTheStream(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.auto()))) {
      // Given: jobs ending at 2 s, 5 s and 10 s; the stream gives up at 500 ms and the first
      // re-probe (1 s later) fails too; the second (2 s after that) opens
      String a = h.call(mode, c -> c.createJob(lasting(2_000, JobStatus.COMPLETED)),
          c -> c.createJobAsync(lasting(2_000, JobStatus.COMPLETED))).jobId();
      String b = h.call(mode, c -> c.createJob(lasting(5_000, JobStatus.ERROR)),
          c -> c.createJobAsync(lasting(5_000, JobStatus.ERROR))).jobId();
      String c3 = h.call(mode, c -> c.createJob(lasting(10_000, JobStatus.COMPLETED)),
          c -> c.createJobAsync(lasting(10_000, JobStatus.COMPLETED))).jobId();
      h.scheduler.schedule(() -> {
        h.events.failNextConnects(1);
        h.events.giveUp(new IOException("stream refused"));
      }, 500, TimeUnit.MILLISECONDS);
      List<String> ids = List.of(a, b, c3);

      // When
      Map<String, Job> done = h.call(mode, c -> c.waitForAll(ids), c -> c.waitForAllAsync(ids));

      // Then: streams made at 0, 1.5 s (refused at 1.51 s) and 3.51 s (open at 3.52 s)
      assertThat(done.values()).extracting(Job::status)
          .containsExactly(JobStatus.COMPLETED, JobStatus.ERROR, JobStatus.COMPLETED);
      assertThat(h.events.sources()).hasSize(3);
      assertThat(h.listener.events("channel"))
          .containsExactly("channel events->long-poll", "channel long-poll->events");
      assertThat(h.client.strategyName()).isEqualTo("events");
      // long polls only while the stream was down; after it came back, one batch read of the two
      // jobs still waiting, and then nothing: their ends came as events, seen at once
      List<Recorded> reads = h.transport.calls("GET", "/v1/jobs?ids=");
      assertThat(reads).filteredOn(r -> r.pathAndQuery().contains("&wait=")).allSatisfy(r -> assertThat(at(r)).isLessThan(3_520));
      assertThat(reads).filteredOn(r -> at(r) >= 3_520).singleElement()
          .satisfies(r -> assertThat(r.pathAndQuery().replace("/v1/jobs?ids=", "").split(","))
              .containsExactlyInAnyOrder(b, c3));
      assertThat(h.listener.events("finished")).hasSize(3);
      assertThat(h.listener.summaries()).allSatisfy(s -> assertThat(s.detectionLatency()).isZero());
    }
  }
}
