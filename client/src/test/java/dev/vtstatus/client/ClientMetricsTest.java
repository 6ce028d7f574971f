package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.internal.observe.MetricsRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientMetricsTest {

  @Test
  void emptyMetricsHaveZeroRatesAndUnknownLatencies() {
    // When
    ClientMetrics m = ClientMetrics.empty();

    // Then
    assertThat(m.successRate()).isZero();
    assertThat(m.requestsPerJob()).isZero();
    assertThat(m.avgProcessingTime()).isNull();
    assertThat(m.toMap()).containsEntry("total_jobs", 0L).containsEntry("avg_processing_time", 0.0);
    @SuppressWarnings("unchecked")
    Map<String, Object> latency = (Map<String, Object>) m.toMap().get("detection_latency_ms");
    assertThat(latency).containsOnlyKeys("p50", "p95", "max").allSatisfy((k, v) -> assertThat(v).isNull());
  }

  @Test
  void percentilesAreNearestRank() {
    // Given: processing times 1..20 s, latencies 10..200 ms
    List<Duration> times = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(Duration::ofSeconds).toList();
    List<Duration> latencies = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> Duration.ofMillis(10L * i)).toList();

    // When
    ClientMetrics m = new ClientMetrics(new MetricsRecorder.Counts(20, 18, 2, 0, times, Map.of("completed", 18L), 50,
        latencies, Map.of("http://a:1", 40L, "http://b:1", 10L), 1));

    // Then
    assertThat(m.totalJobs()).isEqualTo(20);
    assertThat(m.p50ProcessingTime()).isEqualTo(Duration.ofSeconds(10));
    assertThat(m.p95ProcessingTime()).isEqualTo(Duration.ofSeconds(19));
    assertThat(m.avgProcessingTime()).isEqualTo(Duration.ofMillis(10_500));
    assertThat(m.detectionLatencyP95()).isEqualTo(Duration.ofMillis(190));
    assertThat(m.detectionLatencyMax()).isEqualTo(Duration.ofMillis(200));
    assertThat(m.successRate()).isEqualTo(0.9);
    assertThat(m.requestsPerJob()).isEqualTo(2.5);
    assertThat(m.toMap()).containsEntry("replicas", Map.of("http://a:1", 40L, "http://b:1", 10L))
        .containsEntry("replica_switches", 1L);
  }
}
