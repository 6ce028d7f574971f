package dev.vtstatus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ForcedEndLatencyTest {
  @Test
  void measuresEveryRoundAfterTheFirstOnMinuteLongJobs() throws Exception {
    // When
    ForcedEndLatency.Result result = ForcedEndLatency.run(3);

    // Then: each wait ended long before the job's planned minute
    assertThat(result.rest().samples()).isEqualTo(2);
    assertThat(result.first()).isLessThan(Duration.ofSeconds(10));
    assertThat(result.rest().max()).isLessThan(10_000);
  }
}
