package dev.vtstatus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchSupportTest {

  @Test
  void defaultJobsAreTheSeedsCompressedTenfold() {
    // Given the default 0.5-1 s jobs
    BenchConfig config = BenchConfig.builder().build();

    // When the baselines are scaled
    // Then one second becomes 100 ms and the seed's 2 s first wait 200 ms
    assertThat(config.compression()).isEqualTo(10.0);
    assertThat(config.compress(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(100));
    assertThat(config.compress(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void rejectsUnknownStrategyNamingTheKnownOnes() {
    // Given a misspelt strategy
    // When the config is built
    // Then it is rejected with the name and the list
    assertThatThrownBy(() -> BenchConfig.builder().strategies(List.of("evnts")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("evnts")
        .hasMessageContaining("long-poll");
  }

  @Test
  void sumsTheStatusRequestCounterOverAllLabels() {
    // Given Prometheus text with the counter split by route, and other metrics
    String text = String.join("\n",
        "# HELP vtstatus_status_requests_total Status requests",
        "# TYPE vtstatus_status_requests_total counter",
        "vtstatus_status_requests_total{route=\"v1\"} 120.0",
        "vtstatus_status_requests_total{route=\"seed\"} 30.0",
        "vtstatus_create_requests_total 10.0",
        "");

    // When the count is read
    // Then it is the sum over labels, and a text without the counter gives none
    assertThat(PrometheusText.statusRequests(text)).hasValue(150);
    assertThat(PrometheusText.statusRequests("jvm_threads_live 3\n")).isEmpty();
    assertThat(PrometheusText.statusRequests("vtstatus_jobs_retained 0.0\n")).hasValue(0);
  }

  @Test
  void rebuildsStatusRequestsFromTheHttpRequestCounterByRoute() {
    // Given the server's per-route request counter only
    String text = String.join("\n",
        "vtstatus_http_requests_total{method=\"GET\",route=\"/v1/jobs/:id\",status=\"200\"} 40.0",
        "vtstatus_http_requests_total{method=\"GET\",route=\"/status/:id\",status=\"200\"} 5.0",
        "vtstatus_http_requests_total{method=\"POST\",route=\"/v1/jobs\",status=\"201\"} 10.0",
        "vtstatus_http_requests_total{method=\"GET\",route=\"/v1/jobs\",status=\"200\"} 2.0",
        "vtstatus_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 7.0",
        "vtstatus_http_requests_total{method=\"GET\",route=\"/v1/capabilities\",status=\"200\"} 1.0",
        "");

    // When the count is read
    // Then creates, health, metrics and capabilities are left out; batch reads count
    assertThat(PrometheusText.statusRequests(text)).hasValue(47);
  }
}
