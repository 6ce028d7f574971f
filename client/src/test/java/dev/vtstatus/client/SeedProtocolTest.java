package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.client.fakes.FakeTransport.Recorded;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SeedProtocolTest {

  @ParameterizedTest
  @EnumSource(Mode.class)
  void autoProbesOnceThenSpeaksTheSeedProtocolWithAdaptivePolling(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.auto()))) {
      // Given: a server without /v1 routes; its jobs take 5 s
      h.server.seedOnly().defaultDuration(Duration.ofSeconds(5));

      // When
      Job created = h.call(mode, c -> c.createJob(), c -> c.createJobAsync(JobRequest.EMPTY));
      Job done = h.call(mode, c -> c.waitForResult(created.jobId()), c -> c.waitForResultAsync(created.jobId()));

      // Then
      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(h.transport.calls()).extracting(Recorded::pathAndQuery)
          .containsExactly("/v1/capabilities", "/job", "/status/job-1", "/status/job-1", "/status/job-1");
      assertThat(h.transport.calls("GET", "/status/")).extracting(r -> r.at().toEpochMilli() - created.createdAt().toEpochMilli())
          .containsExactly(1_500L, 4_000L, 8_000L);
      assertThat(h.client.strategyName()).isEqualTo("adaptive");
      assertThat(h.listener.summaries()).singleElement().satisfies(s -> assertThat(s.detectionLatency()).isNull());
      assertThat(h.client.metrics().avgProcessingTime()).isEqualTo(Duration.ofSeconds(8));
      assertThat(h.client.metrics().detectionLatencyP95()).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void forcedSeedModeNeverProbesAndReportsAnErrorWithItsMessage(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.protocol(ProtocolMode.SEED).waitStrategy(WaitStrategy.seed()))) {
      // Given
      h.server.addJob("a", Duration.ofSeconds(3), JobStatus.ERROR);

      // When
      Job done = h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then
      assertThat(done.status()).isEqualTo(JobStatus.ERROR);
      assertThat(done.error().message()).isEqualTo("ended error");
      List<String> paths = h.transport.calls().stream().map(Recorded::pathAndQuery).toList();
      assertThat(paths).containsExactly("/status/a", "/status/a", "/status/a");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void waitsForASingleJobServersDefaultJobWithoutAnId(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.seed()))) {
      // Given: the server's default job ends after 3 s
      h.server.seedOnly().addJob("default", Duration.ofSeconds(3), JobStatus.COMPLETED);

      // When
      Job done = h.call(mode, VideoTranslationClient::waitForDefaultJob, VideoTranslationClient::waitForDefaultJobAsync);

      // Then
      assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(done.jobId()).isEmpty();
      assertThat(h.transport.calls()).extracting(Recorded::pathAndQuery)
          .containsExactly("/status", "/status", "/status");
      assertThat(h.client.metrics().totalJobs()).isEqualTo(1);
    }
  }
}
