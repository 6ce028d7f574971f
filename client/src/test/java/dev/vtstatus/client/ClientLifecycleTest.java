package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClientLifecycleTest {

  @Test
  void builderRejectsBadValuesNamingThem() {
    VideoTranslationClientBuilder b = VideoTranslationClient.builder();
    assertThatThrownBy(() -> b.baseUrl("ftp://x")).hasMessageContaining("baseUrl must be an absolute http(s) URL, was 'ftp://x'");
    assertThatThrownBy(() -> b.baseUrl(" ")).hasMessageContaining("baseUrl must not be blank");
    assertThatThrownBy(() -> b.timeout(Duration.ZERO)).hasMessageContaining("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> b.requestTimeout(Duration.ofSeconds(-1))).hasMessageContaining("requestTimeout must be positive");
    assertThatThrownBy(() -> b.maxRetries(-1)).hasMessageContaining("maxRetries must not be negative, was -1");
    assertThatThrownBy(() -> b.rateLimit(0)).hasMessageContaining("rateLimit must be a positive number of requests per second, was 0.0");
    assertThatThrownBy(() -> b.rateLimit(Double.NaN)).hasMessageContaining("rateLimit");
    assertThatThrownBy(() -> b.apiKey("has space")).hasMessageContaining("apiKey must be printable ASCII without spaces");
    assertThatThrownBy(() -> b.threads(0)).hasMessageContaining("threads must be between 1 and 64, was 0");
    assertThatThrownBy(() -> b.waitStrategy(null)).hasMessageContaining("waitStrategy");
    assertThatThrownBy(() -> b.waitStrategy(() -> "mine")).hasMessageContaining("waitStrategy must come from WaitStrategy's factories");
  }

  @Test
  void waitRejectsABlankIdAndANonPositiveTimeout() {
    try (ClientHarness h = ClientHarness.create(b -> b)) {
      assertThatThrownBy(() -> h.client.waitForResult(" ")).hasMessageContaining("jobId must not be blank");
      assertThatThrownBy(() -> h.client.waitForResultAsync("a", Duration.ZERO)).hasMessageContaining("timeout must be positive");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void closingEndsOpenWaitsAndRefusesNewCalls(Mode mode) throws Exception {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1))))) {
      // Given
      h.server.addJob("a", Duration.ofSeconds(60), JobStatus.COMPLETED);
      CompletableFuture<Job> open = h.client.waitForResultAsync("a");
      h.scheduler.advance(Duration.ofSeconds(3));

      // When
      h.client.close();
      h.client.close();

      // Then
      assertThatThrownBy(open::get).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(ClientClosedException.class);
      assertThatThrownBy(() -> h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a")))
          .isInstanceOf(ClientClosedException.class);
      assertThatThrownBy(() -> h.call(mode, c -> c.getStatus("a"), c -> c.getStatusAsync("a")))
          .isInstanceOf(ClientClosedException.class);
      assertThat(h.transport.closed()).isTrue();
      int made = h.transport.calls().size();
      h.scheduler.advance(Duration.ofSeconds(10));
      assertThat(h.transport.calls()).hasSize(made);
    }
  }

  @Test
  void cancellingTheReturnedFutureStopsPolling() {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1))))) {
      // Given
      h.server.addJob("a", Duration.ofSeconds(60), JobStatus.COMPLETED);
      CompletableFuture<Job> wait = h.client.waitForResultAsync("a");
      h.scheduler.advance(Duration.ofMillis(2_500));
      int before = h.transport.calls("GET", "/v1/jobs/a").size();

      // When
      wait.cancel(false);
      h.scheduler.advance(Duration.ofSeconds(10));

      // Then
      assertThat(before).isEqualTo(3);
      assertThat(h.transport.calls("GET", "/v1/jobs/a")).hasSize(3);
      assertThat(h.listener.events("finished")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void waitForAllFailsWithTheFirstFailureInOrderOnceAllEnded(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1))))) {
      // Given
      h.server.addJob("a", Duration.ofSeconds(2), JobStatus.COMPLETED);

      // When / Then
      assertThatThrownBy(() -> h.call(mode, c -> c.waitForAll(java.util.List.of("a", "missing")),
              c -> c.waitForAllAsync(java.util.List.of("a", "missing"))))
          .isInstanceOfSatisfying(JobNotFoundException.class, e -> assertThat(e.jobId()).isEqualTo("missing"));
      assertThat(h.listener.events("finished")).containsExactly("finished a completed");
    }
  }
}
