package dev.vtstatus.server.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.protocol.AdminStats;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.server.ServerStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What each counting method of {@link ServerMetrics} changes, as {@code /metrics} and the stats show it. */
class ServerMetricsTest {
  private final ServerMetrics metrics = new ServerMetrics(() -> 3);

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void openThingsAreCountedInAndOutAgain() {
    // When
    metrics.longPollParked();
    metrics.longPollParked();
    metrics.longPollReleased();
    metrics.eventStreamOpened();
    int first = metrics.connectionOpened();
    int second = metrics.connectionOpened();
    metrics.connectionClosed();

    // Then
    ServerStats stats = metrics.stats(3);
    assertThat(stats.parkedLongPolls()).isEqualTo(1);
    assertThat(stats.openEventStreams()).isEqualTo(1);
    assertThat(first).isEqualTo(1);
    assertThat(second).isEqualTo(2);
    assertThat(stats.openConnections()).isEqualTo(1);
    assertThat(metrics.scrape())
        .contains("vtstatus_long_polls_parked 1.0")
        .contains("vtstatus_event_streams_open 1.0")
        .contains("vtstatus_connections_open 1.0");

    // And when the last ones close
    metrics.longPollReleased();
    metrics.eventStreamClosed();
    metrics.connectionClosed();
    assertThat(metrics.stats(3)).extracting(ServerStats::parkedLongPolls, ServerStats::openEventStreams,
        ServerStats::openConnections).containsExactly(0, 0, 0);
  }

  @Test
  void answeredRequestsAreCountedByRouteMethodAndStatusWithUnknownMethodsAsOther() {
    // When
    metrics.requestAnswered("/v1/jobs/:id", "GET", "200", metrics.requestStarted());
    metrics.requestAnswered("/v1/jobs/:id", "BREW", "405", metrics.requestStarted());

    // Then
    assertThat(metrics.scrape())
        .contains("vtstatus_http_requests_total{method=\"GET\",route=\"/v1/jobs/:id\",status=\"200\"} 1.0")
        .contains("vtstatus_http_requests_total{method=\"other\",route=\"/v1/jobs/:id\",status=\"405\"} 1.0")
        .doesNotContain("BREW");
  }

  @Test
  void requestsAndJobsFeedTheStatsAndTheAdminCountersStartAgainFromAReset() {
    // Given
    metrics.requestReceived();
    metrics.serviceRequestReceived();
    metrics.createRequested();
    metrics.jobCreated();
    metrics.defaultJobCreated();
    metrics.jobEnded(JobStatus.COMPLETED);

    // When
    ServerStats stats = metrics.stats(3);
    AdminStats before = metrics.adminStats(3);
    metrics.restartAdminCounters();
    metrics.statusRequested();
    metrics.jobEnded(JobStatus.ERROR);
    AdminStats after = metrics.adminStats(3);

    // Then the default job counts on /metrics only, and the reset leaves /metrics alone
    assertThat(stats.totalRequests()).isEqualTo(1);
    assertThat(stats.createRequests()).isEqualTo(1);
    assertThat(stats.jobsCreated()).isEqualTo(1);
    assertThat(stats.retainedJobs()).isEqualTo(3);
    assertThat(before.jobsCreated()).isEqualTo(1);
    assertThat(before.jobsCompleted()).isEqualTo(1);
    assertThat(before.requestsServed()).isEqualTo(1);
    assertThat(after.jobsCreated()).isZero();
    assertThat(after.jobsCompleted()).isZero();
    assertThat(after.jobsError()).isEqualTo(1);
    assertThat(metrics.stats(3).statusRequests()).isEqualTo(1);
    assertThat(metrics.scrape())
        .contains("vtstatus_jobs_total{event=\"created\"} 2.0")
        .contains("vtstatus_jobs_total{event=\"completed\"} 1.0");
  }
}
