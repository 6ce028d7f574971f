package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.protocol.JobStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The metrics count distinct jobs, each in exactly one outcome, however often they are waited for. */
class JobCountingTest {
  private static ClientHarness polling() {
    return ClientHarness.create(b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1)))
        .protocol(ProtocolMode.V1));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aJobThatTimedOutAndLaterCompletedCountsOnceAsSuccessful(Mode mode) {
    try (ClientHarness h = polling()) {
      // Given: a 5 s job, first waited for 2 s (timeout), then until it ends
      h.server.addJob("a", Duration.ofSeconds(5), JobStatus.COMPLETED);
      assertThatThrownBy(() -> h.call(mode, c -> c.waitForResult("a", Duration.ofSeconds(2)),
          c -> c.waitForResultAsync("a", Duration.ofSeconds(2)))).isInstanceOf(WaitTimeoutException.class);
      assertThat(h.client.metrics().timedOutJobs()).isEqualTo(1);

      // When
      h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then
      ClientMetrics m = h.client.metrics();
      assertThat(m.totalJobs()).isEqualTo(1);
      assertThat(m.successfulJobs()).isEqualTo(1);
      assertThat(m.timedOutJobs()).isZero();
      assertThat(m.successRate()).isEqualTo(1.0);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void waitingTwiceForAFinishedJobCountsItOnce(Mode mode) {
    try (ClientHarness h = polling()) {
      // Given
      h.server.addJob("a", Duration.ofSeconds(1), JobStatus.ERROR);
      h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // When
      h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then
      ClientMetrics m = h.client.metrics();
      assertThat(m.totalJobs()).isEqualTo(1);
      assertThat(m.failedJobs()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aWaitWithoutOutcomeCountsInTheTotalAsOther(Mode mode) {
    try (ClientHarness h = polling()) {
      // Given: one job completes, another is unknown to the server
      h.server.addJob("a", Duration.ofSeconds(1), JobStatus.COMPLETED);
      h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // When
      assertThatThrownBy(() -> h.call(mode, c -> c.waitForResult("gone"), c -> c.waitForResultAsync("gone")))
          .isInstanceOf(JobNotFoundException.class);

      // Then
      Map<String, Object> map = h.client.metrics().toMap();
      assertThat(map).containsEntry("total_jobs", 2L).containsEntry("successful_jobs", 1L)
          .containsEntry("failed_jobs", 0L).containsEntry("timed_out_jobs", 0L)
          .containsEntry("other_jobs", 1L).containsEntry("success_rate", 0.5);
    }
  }
}
