package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.it.JobServerExtension;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoThreadLeaks.class)
class ThreadingTest {

  static List<WaitStrategy> strategies() {
    return List.of(WaitStrategy.adaptive(), WaitStrategy.longPoll(Duration.ofSeconds(5)), WaitStrategy.events());
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void callbacksAndListenersRunOnTheClientsSchedulerNeverOnHttpThreads(WaitStrategy strategy) throws Exception {
    Set<String> listenerThreads = ConcurrentHashMap.newKeySet();
    WaitListener recordThreads = new WaitListener() {
      @Override
      public void statusPolled(String jobId, Job job, Duration elapsed) {
        listenerThreads.add(Thread.currentThread().getName());
      }

      @Override
      public void jobFinished(String jobId, Job job, WaitSummary summary) {
        listenerThreads.add(Thread.currentThread().getName());
      }
    };
    JobServerExtension.run(c -> c, server -> {
      try (VideoTranslationClient client = VideoTranslationClient.builder()
          .baseUrl(server.url()).waitStrategy(strategy).addListener(recordThreads).build()) {
        // Given
        Job job = client.createJob(JobRequest.builder()
            .simulate(new Simulation(Duration.ofMillis(150), null)).build());

        // When
        String callbackThread = client.waitForResultAsync(job.jobId())
            .thenApply(done -> Thread.currentThread().getName())
            .get();

        // Then
        assertThat(callbackThread).matches("vtstatus-client-\\d+-scheduler-\\d+");
        assertThat(listenerThreads).isNotEmpty().allMatch(name -> name.matches("vtstatus-client-\\d+-scheduler-\\d+"));
      }
    });
  }
}
