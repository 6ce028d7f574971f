package dev.vtstatus.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.client.fakes.RecordingListener;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cancelling jobs through the client against the real server, with faults injected. */
class CancelTest {
  @RegisterExtension
  static final JobServerExtension SERVER =
      JobServerExtension.with(c -> c.faultRate(0.1).dropRate(0.02));

  static Stream<Arguments> waits() {
    return Stream.of(
            WaitStrategy.fixed(Duration.ofMillis(100)),
            WaitStrategy.longPoll(Duration.ofSeconds(10)),
            WaitStrategy.events())
        .flatMap(s -> Stream.of(WaitMode.values()).map(mode -> Arguments.of(s.name(), s, mode)));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("waits")
  void aWaitForACanceledJobReturnsItAsCanceled(String name, WaitStrategy strategy, WaitMode mode)
      throws Exception {
    // Given
    RecordingListener listener = new RecordingListener();
    VideoTranslationClient client = SERVER.client(strategy, listener);
    Job created =
        client.createJob(
            JobRequest.builder()
                .simulate(new Simulation(Duration.ofSeconds(20), JobStatus.COMPLETED))
                .build());

    // When
    Job canceled = client.cancel(created.jobId());
    Map<String, Job> waited = mode.waitForEach(client, List.of(created.jobId()));

    // Then
    assertThat(canceled.status()).isEqualTo(JobStatus.CANCELED);
    Job outcome = waited.get(created.jobId());
    assertThat(outcome.status()).isEqualTo(JobStatus.CANCELED);
    assertThat(outcome.error()).isNotNull();
    assertThat(listener.finishedCounts()).isEqualTo(Map.of(created.jobId(), 1));
  }

  @Test
  void cancellingAFinishedJobChangesNothing() {
    // Given
    VideoTranslationClient client = SERVER.client(b -> b.timeout(Duration.ofSeconds(20)));
    Job created =
        client.createJob(
            JobRequest.builder()
                .simulate(new Simulation(Duration.ofMillis(50), JobStatus.COMPLETED))
                .build());
    Job done = client.waitForResult(created.jobId());

    // When
    Job afterCancel = client.cancel(created.jobId());

    // Then
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(afterCancel.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(client.getStatus(created.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
  }
}
