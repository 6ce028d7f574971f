package dev.vtstatus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void takesNearestRankPercentilesOfUnsortedSamples() {
    // Given the latencies 1..200 ms in a shuffled order
    List<Duration> latencies = new ArrayList<>();
    for (int ms = 1; ms <= 200; ms++) {
      latencies.add(Duration.ofMillis(ms));
    }
    Collections.shuffle(latencies, new java.util.Random(3));

    // When they are summarised
    LatencySummary summary = LatencySummary.of(latencies);

    // Then each percentile is the observed sample at its rank
    assertThat(summary.samples()).isEqualTo(200);
    assertThat(summary.p50()).isEqualTo(100.0);
    assertThat(summary.p95()).isEqualTo(190.0);
    assertThat(summary.p99()).isEqualTo(198.0);
    assertThat(summary.max()).isEqualTo(200.0);
  }

  @Test
  void keepsSubMillisecondPrecision() {
    // Given one latency of 1.5 ms
    // When it is summarised
    LatencySummary summary = LatencySummary.of(List.of(Duration.ofNanos(1_500_000)));

    // Then every percentile is that sample
    assertThat(summary.p50()).isEqualTo(1.5);
    assertThat(summary.p99()).isEqualTo(1.5);
  }

  @Test
  void summaryOfNoSamplesIsEmpty() {
    // Given no latencies
    // When they are summarised
    LatencySummary summary = LatencySummary.of(List.of());

    // Then there is no figure to report
    assertThat(summary).isEqualTo(LatencySummary.EMPTY);
    assertThat(summary.p95()).isNaN();
  }
}
