package dev.vtstatus.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.client.fakes.RecordingListener;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code waitForAll} and its async twin against the real server with faults injected. */
class WaitForAllTest {
  @RegisterExtension
  static final JobServerExtension SERVER =
      JobServerExtension.with(c -> c.faultRate(0.1).dropRate(0.02));

  private static final int JOBS = 12;

  private final RecordingListener listener = new RecordingListener();
  private final Map<String, JobStatus> truth = new LinkedHashMap<>();

  private VideoTranslationClient clientCreatingJobs(WaitStrategy strategy) throws Exception {
    VideoTranslationClient client = SERVER.client(strategy, listener);
    List<Simulation> simulations = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      JobStatus outcome = i % 3 == 0 ? JobStatus.ERROR : JobStatus.COMPLETED;
      simulations.add(new Simulation(Duration.ofMillis(50 + 30L * i), outcome));
    }
    truth.putAll(ConcurrentCreates.createForcing(client, simulations));
    return client;
  }

  /** Checks that {@code results} hold the jobs {@code ids}, in order, each reported once. */
  private void assertEveryJobInOrderWithItsTrueOutcomeOnce(
      List<String> ids, Map<String, Job> results) {
    assertThat(new ArrayList<>(results.keySet())).isEqualTo(ids);
    results.forEach(
        (id, job) -> assertThat(job.status()).as("outcome of %s", id).isEqualTo(truth.get(id)));
    assertThat(listener.finishedCounts())
        .hasSize(JOBS)
        .isEqualTo(RecordingListener.onceEach(ids));
  }

  @Test
  void waitForAllReturnsEveryJobInOrderWithItsTrueOutcome() throws Exception {
    // Given
    VideoTranslationClient client = clientCreatingJobs(WaitStrategy.auto());
    List<String> ids = new ArrayList<>(truth.keySet());

    // When
    Map<String, Job> results = client.waitForAll(ids);

    // Then
    assertEveryJobInOrderWithItsTrueOutcomeOnce(ids, results);
  }

  @Test
  void waitForAllAsyncReturnsEveryJobInOrderWithItsTrueOutcome() throws Exception {
    // Given
    VideoTranslationClient client = clientCreatingJobs(WaitStrategy.fixed(Duration.ofMillis(100)));
    List<String> ids = new ArrayList<>(truth.keySet());

    // When
    Map<String, Job> results =
        client.waitForAllAsync(ids).get(WaitMode.TEST_BOUND.toMillis(), TimeUnit.MILLISECONDS);

    // Then
    assertEveryJobInOrderWithItsTrueOutcomeOnce(ids, results);
  }
}
