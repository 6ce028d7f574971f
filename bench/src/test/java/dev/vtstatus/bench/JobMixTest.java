package dev.vtstatus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.protocol.JobStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobMixTest {

  private static BenchConfig config(long seed, double errorProbability) {
    return BenchConfig.builder()
        .jobs(1_000)
        .minDelay(Duration.ofMillis(500))
        .maxDelay(Duration.ofMillis(1_000))
        .errorProbability(errorProbability)
        .seed(seed)
        .build();
  }

  @Test
  void sameSeedDrawsTheSameJobs() {
    // Given two draws with one seed
    // When both are drawn
    JobMix first = JobMix.draw(config(11, 0.1));
    JobMix second = JobMix.draw(config(11, 0.1));

    // Then every strategy would see the same jobs
    assertThat(first).isEqualTo(second);
    assertThat(JobMix.draw(config(12, 0.1))).isNotEqualTo(first);
  }

  @Test
  void drawsDurationsWithinTheDelaysAndErrorsAtTheGivenShare() {
    // Given 1,000 jobs of 0.5-1 s with all of them failing
    // When they are drawn
    JobMix mix = JobMix.draw(config(5, 1.0));

    // Then every duration is in range and every outcome is error
    assertThat(mix.jobs()).allSatisfy(job -> {
      assertThat(job.duration()).isBetween(Duration.ofMillis(500), Duration.ofMillis(1_000));
      assertThat(job.outcome()).isEqualTo(JobStatus.ERROR);
    });
    assertThat(JobMix.draw(config(5, 0.0)).jobs()).allMatch(j -> j.outcome() == JobStatus.COMPLETED);
    assertThat(mix.request(3).simulate()).isEqualTo(mix.jobs().get(3));
  }
}
