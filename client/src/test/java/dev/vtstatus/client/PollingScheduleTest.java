package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.client.fakes.FakeTransport.Recorded;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.protocol.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PollingScheduleTest {

  private static List<Long> pollOffsetsMillis(ClientHarness h, Instant start, String path) {
    return h.transport.calls("GET", path).stream()
        .map(Recorded::at)
        .map(t -> Duration.between(start, t).toMillis())
        .toList();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void seedStrategyPollsAtOnceThenAfterTwoFourEightSixteenThirtySeconds(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.seed()).protocol(ProtocolMode.V1))) {
      // Given
      Instant start = h.clock.instant();
      h.server.addJob("a", Duration.ofSeconds(61), JobStatus.COMPLETED);

      // When
      Job job = h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(pollOffsetsMillis(h, start, "/v1/jobs/a"))
          .containsExactly(0L, 2_000L, 6_000L, 14_000L, 30_000L, 60_000L, 90_000L);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void fixedStrategyPollsAtOnceThenEveryInterval(Mode mode) {
    try (ClientHarness h = ClientHarness.create(
        b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofMillis(750))).protocol(ProtocolMode.V1))) {
      // Given
      Instant start = h.clock.instant();
      h.server.addJob("a", Duration.ofMillis(2_000), JobStatus.ERROR);

      // When
      Job job = h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.ERROR);
      assertThat(job.error().code()).isEqualTo("translation_failed");
      assertThat(pollOffsetsMillis(h, start, "/v1/jobs/a")).containsExactly(0L, 750L, 1_500L, 2_250L);
      assertThat(h.listener.summaries()).singleElement().satisfies(s -> {
        assertThat(s.requests()).isEqualTo(4);
        assertThat(s.detectionLatency()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.elapsed()).isEqualTo(Duration.ofMillis(2_250));
      });
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deadlineEndsTheWaitToTheMillisecondWithTheLastStatusSeen(Mode mode) {
    try (ClientHarness h = ClientHarness.create(
        b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(2))).protocol(ProtocolMode.V1))) {
      // Given
      Instant start = h.clock.instant();
      h.server.addJob("a", Duration.ofSeconds(60), JobStatus.COMPLETED);

      // When / Then
      assertThatThrownBy(() -> h.call(
              mode,
              c -> c.waitForResult("a", Duration.ofMillis(5_001)),
              c -> c.waitForResultAsync("a", Duration.ofMillis(5_001))))
          .isInstanceOfSatisfying(WaitTimeoutException.class, e -> {
            assertThat(e.jobId()).isEqualTo("a");
            assertThat(e.timeout()).isEqualTo(Duration.ofMillis(5_001));
            assertThat(e.lastSeen().status()).isEqualTo(JobStatus.PENDING);
          });
      assertThat(h.clock.instant()).isEqualTo(start.plusMillis(5_001));
      assertThat(pollOffsetsMillis(h, start, "/v1/jobs/a")).containsExactly(0L, 2_000L, 4_000L);
      assertThat(h.listener.events("timedOut")).containsExactly("timedOut a 5001");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void noRequestOutlivesTheDeadline(Mode mode) {
    try (ClientHarness h = ClientHarness.create(
        b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1))).protocol(ProtocolMode.V1)
            .requestTimeout(Duration.ofSeconds(30)))) {
      // Given: every answer takes 800 ms
      Instant start = h.clock.instant();
      h.server.addJob("a", Duration.ofSeconds(60), JobStatus.COMPLETED).id();
      h.server.latency(Duration.ofMillis(800));

      // When
      assertThatThrownBy(() -> h.call(
              mode,
              c -> c.waitForResult("a", Duration.ofMillis(2_500)),
              c -> c.waitForResultAsync("a", Duration.ofMillis(2_500))))
          .isInstanceOf(WaitTimeoutException.class);

      // Then: each request's timeout ends by the deadline
      for (Recorded call : h.transport.calls("GET", "/v1/jobs/a")) {
        assertThat(call.at().plus(call.call().timeout())).isBeforeOrEqualTo(start.plusMillis(2_500));
      }
      assertThat(h.clock.instant()).isEqualTo(start.plusMillis(2_500));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void hintedAimsJustBeforeTheEstimateAndClosesInOnTheNextOne(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.hinted()))) {
      // Given: a 10 s job this client creates; the server's estimates happen to be exact, and it
      // offers no batch reads, so each look is a read of its own
      h.server.features(Protocol.FEATURE_LONG_POLL, Protocol.FEATURE_CANCEL);
      Instant start = h.clock.instant();
      JobRequest tenSeconds = JobRequest.builder().simulate(new Simulation(Duration.ofSeconds(10), null)).build();
      Job created = h.call(mode, c -> c.createJob(tenSeconds), c -> c.createJobAsync(tenSeconds));

      // When
      Job done = h.call(mode, c -> c.waitForResult(created.jobId()), c -> c.waitForResultAsync(created.jobId()));

      // Then: no poll at once (the create answer is the first observation); then lo + 5% of 10 s
      // = 10/1.3 + 0.5 = 8.192 s, then 8.192 + 1.808/1.3 + 0.5 = 10.082 s
      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(pollOffsetsMillis(h, start, "/v1/jobs/" + created.jobId())).containsExactly(8_192L, 10_082L);
      assertThat(h.listener.summaries()).singleElement()
          .satisfies(s -> assertThat(s.detectionLatency().toMillis()).isEqualTo(82L));
    }
  }
}
