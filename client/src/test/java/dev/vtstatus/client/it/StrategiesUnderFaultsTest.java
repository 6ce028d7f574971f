package dev.vtstatus.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.client.fakes.RecordingListener;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every wait strategy against the real server while it answers 20% of requests with 503 and drops
 * 5% of connections, with blocking and asynchronous waits running side by side on one client: each
 * job must end with the outcome the server was told to give it, and be reported finished exactly
 * once.
 */
class StrategiesUnderFaultsTest {
  @RegisterExtension
  static final JobServerExtension SERVER =
      JobServerExtension.with(c -> c.faultRate(0.2).dropRate(0.05));

  /** Jobs with the outcome forced; even ones are waited for blocking, odd ones asynchronously. */
  private static final List<Simulation> JOBS =
      List.of(
          new Simulation(Duration.ofMillis(50), JobStatus.COMPLETED),
          new Simulation(Duration.ofMillis(100), JobStatus.ERROR),
          new Simulation(Duration.ofMillis(180), JobStatus.ERROR),
          new Simulation(Duration.ofMillis(250), JobStatus.COMPLETED),
          new Simulation(Duration.ofMillis(320), JobStatus.COMPLETED),
          new Simulation(Duration.ofMillis(400), JobStatus.ERROR));

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.vtstatus.client.it.StrategyCases#all")
  void everyJobEndsWithItsTrueOutcomeOnceDespiteFaults(String name, WaitStrategy strategy)
      throws Exception {
    // Given
    RecordingListener listener = new RecordingListener();
    VideoTranslationClient client = SERVER.client(strategy, listener);
    long createdBefore = SERVER.server().stats().jobsCreated();
    Map<String, JobStatus> truth = ConcurrentCreates.createForcing(client, JOBS);
    Map<String, WaitMode> modes = WaitMode.alternating(truth.keySet());

    // When
    Map<String, Job> results = WaitMode.waitForEach(client, modes);

    // Then
    assertThat(SERVER.server().stats().jobsCreated() - createdBefore)
        .as("jobs the server created for %d creates", JOBS.size())
        .isEqualTo(JOBS.size());
    for (String id : truth.keySet()) {
      Job job = results.get(id);
      String what = modes.get(id) + " wait for " + id;
      assertThat(job.jobId()).as(what).isEqualTo(id);
      assertThat(job.status()).as("outcome of %s", what).isEqualTo(truth.get(id));
      if (job.status() == JobStatus.ERROR) {
        assertThat(job.error()).as("error of %s", what).isNotNull();
      } else {
        assertThat(job.result()).as("result of %s", what).isNotNull();
      }
    }
    assertThat(listener.finishedCounts())
        .isEqualTo(RecordingListener.onceEach(truth.keySet()));
    assertThat(listener.timedOutCounts()).isEmpty();
  }
}
