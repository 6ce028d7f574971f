package dev.vtstatus.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every wait strategy, blocking and asynchronous, against the real server while it answers 20% of
 * requests with 503 and drops 5% of connections: each job must end with the outcome the server was
 * told to give it, and be reported finished exactly once.
 */
class StrategiesUnderFaultsTest {
  @RegisterExtension
  static final JobServerExtension SERVER = JobServerExtension.with(c -> c.faultRate(0.2).dropRate(0.05));

  private static final List<Simulation> JOBS =
      List.of(
          new Simulation(Duration.ofMillis(50), JobStatus.COMPLETED),
          new Simulation(Duration.ofMillis(120), JobStatus.ERROR),
          new Simulation(Duration.ofMillis(200), JobStatus.COMPLETED),
          new Simulation(Duration.ofMillis(280), JobStatus.ERROR),
          new Simulation(Duration.ofMillis(340), JobStatus.COMPLETED),
          new Simulation(Duration.ofMillis(400), JobStatus.COMPLETED));

  static Stream<Arguments> strategies() {
    List<WaitStrategy> strategies =
        List.of(
            WaitStrategy.fixed(Duration.ofMillis(50)),
            WaitStrategy.exponential(Duration.ofMillis(25), 2.0, Duration.ofMillis(400), 0.2),
            WaitStrategy.seed(),
            WaitStrategy.hinted(),
            WaitStrategy.adaptive(),
            WaitStrategy.longPoll(Duration.ofSeconds(5)),
            WaitStrategy.events(),
            WaitStrategy.auto());
    return strategies.stream()
        .flatMap(s -> Stream.of(WaitMode.values()).map(mode -> Arguments.of(s.name(), s, mode)));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("strategies")
  void everyJobEndsWithItsTrueOutcomeOnceDespiteFaults(String name, WaitStrategy strategy, WaitMode mode)
      throws Exception {
    // Given
    RecordingWaitListener listener = new RecordingWaitListener();
    VideoTranslationClient client =
        SERVER.client(
            b -> b.waitStrategy(strategy).timeout(Duration.ofSeconds(20)).addListener(listener));
    long createdBefore = SERVER.server().stats().jobsCreated();
    Map<String, JobStatus> truth = new LinkedHashMap<>();
    for (Simulation simulation : JOBS) {
      Job created = client.createJob(JobRequest.builder().simulate(simulation).build());
      truth.put(created.jobId(), simulation.outcome());
    }
    List<String> ids = new ArrayList<>(truth.keySet());

    // When
    Map<String, Job> results = mode.waitForEach(client, ids);

    // Then
    assertThat(SERVER.server().stats().jobsCreated() - createdBefore)
        .as("jobs the server created for %d creates", JOBS.size())
        .isEqualTo(JOBS.size());
    for (String id : ids) {
      Job job = results.get(id);
      assertThat(job.jobId()).isEqualTo(id);
      assertThat(job.status()).as("outcome of %s", id).isEqualTo(truth.get(id));
      if (job.status() == JobStatus.ERROR) {
        assertThat(job.error()).as("error of %s", id).isNotNull();
      } else {
        assertThat(job.result()).as("result of %s", id).isNotNull();
      }
    }
    Map<String, Integer> once = new LinkedHashMap<>();
    ids.forEach(id -> once.put(id, 1));
    assertThat(listener.finishedCounts()).isEqualTo(once);
    assertThat(listener.timedOutCounts()).isEmpty();
  }
}
