package dev.vtstatus.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.client.WaitTimeoutException;
import dev.vtstatus.client.fakes.RecordingListener;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A job that outlasts the wait's timeout ends the wait on time with the last status seen. */
class DeadlineTest {
  @RegisterExtension static final JobServerExtension SERVER = JobServerExtension.with(c -> c);

  private static final Duration TIMEOUT = Duration.ofMillis(400);

  /**
   * Time allowed past the deadline for the failure to reach the caller on a loaded machine, well
   * short of the 5 s job, so a wait that ignored its deadline still fails; the exact moment is
   * proven on a fake clock (PollingScheduleTest, EventsChannelTest).
   */
  private static final Duration SLACK = Duration.ofMillis(1_500);

  static Stream<Arguments> strategies() {
    List<WaitStrategy> strategies =
        List.of(
            WaitStrategy.fixed(Duration.ofMillis(100)),
            WaitStrategy.seed(),
            WaitStrategy.adaptive(),
            WaitStrategy.longPoll(Duration.ofSeconds(30)),
            WaitStrategy.events(),
            WaitStrategy.auto());
    return strategies.stream()
        .flatMap(s -> Stream.of(WaitMode.values()).map(mode -> Arguments.of(s.name(), s, mode)));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("strategies")
  void aJobLongerThanTheTimeoutFailsTheWaitOnTimeWithTheLastStatus(
      String name, WaitStrategy strategy, WaitMode mode) {
    // Given
    RecordingListener listener = new RecordingListener();
    VideoTranslationClient client =
        SERVER.client(b -> b.waitStrategy(strategy).addListener(listener));
    Job created =
        client.createJob(
            JobRequest.builder()
                .simulate(new Simulation(Duration.ofSeconds(5), JobStatus.COMPLETED))
                .build());

    // When
    long start = System.nanoTime();
    WaitTimeoutException timeout =
        catchThrowableOfType(
            WaitTimeoutException.class, () -> mode.waitFor(client, created.jobId(), TIMEOUT));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // Then
    assertThat(timeout).as("the wait must time out").isNotNull();
    assertThat(timeout.jobId()).isEqualTo(created.jobId());
    assertThat(timeout.timeout()).isEqualTo(TIMEOUT);
    assertThat(timeout.lastSeen()).as("last status seen").isNotNull();
    assertThat(timeout.lastSeen().status()).isEqualTo(JobStatus.PENDING);
    assertThat(took).isBetween(TIMEOUT.minusMillis(20), TIMEOUT.plus(SLACK));
    assertThat(listener.timedOutCounts()).isEqualTo(Map.of(created.jobId(), 1));
    assertThat(listener.finishedCounts()).isEmpty();
  }
}
