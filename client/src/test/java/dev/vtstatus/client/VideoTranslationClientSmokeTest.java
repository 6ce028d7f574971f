package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.it.JobServerExtension;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoThreadLeaks.class)
class VideoTranslationClientSmokeTest {

  static Stream<Arguments> strategies() {
    return Stream.of(
        Arguments.of(WaitStrategy.fixed(Duration.ofMillis(50)), false),
        Arguments.of(WaitStrategy.exponential(Duration.ofMillis(20), 2.0, Duration.ofMillis(200), 0.2), false),
        Arguments.of(WaitStrategy.hinted(), false),
        Arguments.of(WaitStrategy.adaptive(), false),
        Arguments.of(WaitStrategy.longPoll(Duration.ofSeconds(5)), false),
        Arguments.of(WaitStrategy.events(), false),
        Arguments.of(WaitStrategy.auto(), false),
        Arguments.of(WaitStrategy.adaptive(), true),
        Arguments.of(WaitStrategy.auto(), true));
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("strategies")
  void everyJobEndsWithItsTrueOutcome(WaitStrategy strategy, boolean seedServer) throws Exception {
    JobServerExtension.run(
        c -> c.minDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(300)).seedProtocolOnly(seedServer),
        server -> {
          try (VideoTranslationClient client =
              VideoTranslationClient.builder()
                  .baseUrl(server.url())
                  .waitStrategy(strategy)
                  .timeout(Duration.ofSeconds(10))
                  .build()) {
            // Given
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
              JobStatus outcome = i % 3 == 2 ? JobStatus.ERROR : JobStatus.COMPLETED;
              Job job =
                  client.createJob(
                      JobRequest.builder()
                          .simulate(new Simulation(Duration.ofMillis(100 + 30 * i), outcome))
                          .build());
              ids.add(job.jobId());
            }
            // When
            Map<String, Job> done = client.waitForAll(ids);
            // Then
            assertThat(done.keySet()).containsExactlyElementsOf(ids);
            assertThat(done.values()).allMatch(Job::isTerminal);
            if (!seedServer) {
              for (int i = 0; i < ids.size(); i++) {
                assertThat(done.get(ids.get(i)).status())
                    .isEqualTo(i % 3 == 2 ? JobStatus.ERROR : JobStatus.COMPLETED);
              }
            }
            assertThat(client.metrics().totalJobs()).isEqualTo(6);
            assertThat(client.metrics().successfulJobs() + client.metrics().failedJobs()).isEqualTo(6);
          }
        });
  }

  @Test
  void waitsForTheRealSeedServersDefaultJob() throws Exception {
    JobServerExtension.run(
        c -> c.minDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(300)).seedProtocolOnly(true),
        server -> {
          try (VideoTranslationClient client = VideoTranslationClient.builder()
              .baseUrl(server.url()).waitStrategy(WaitStrategy.fixed(Duration.ofMillis(50)))
              .timeout(Duration.ofSeconds(10)).build()) {
            // When
            Job job = client.waitForDefaultJob();

            // Then
            assertThat(job.isTerminal()).isTrue();
            assertThat(client.metrics().totalJobs()).isEqualTo(1);
          }
        });
  }
}
