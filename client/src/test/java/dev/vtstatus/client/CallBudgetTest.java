package dev.vtstatus.client;

import static dev.vtstatus.client.fakes.FakeJobServer.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.client.fakes.FakeJobServer;
import dev.vtstatus.client.fakes.FakeTransport.Reply;
import dev.vtstatus.protocol.Capabilities;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Calls that are not waits end within the call timeout, retries included. */
class CallBudgetTest {

  private static ClientHarness harness(UnaryBuilder extra) {
    return ClientHarness.create(b -> extra.apply(b.waitStrategy(WaitStrategy.events())
        .callTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(30)).maxRetries(10)));
  }

  private interface UnaryBuilder {
    VideoTranslationClientBuilder apply(VideoTranslationClientBuilder b);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aSilentServerFailsAReadAtTheCallTimeoutNotAfterEveryRetry(Mode mode) {
    try (ClientHarness h = harness(b -> b)) {
      // Given: every answer would take an hour
      h.server.addJob("a", Duration.ofMinutes(5), JobStatus.COMPLETED);
      h.server.latency(Duration.ofHours(1));
      Instant start = h.clock.instant();

      // When / Then
      assertThatThrownBy(() -> h.call(mode, c -> c.getStatus("a"), c -> c.getStatusAsync("a")))
          .isInstanceOfSatisfying(CallTimeoutException.class, e -> {
            assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(e.getCause()).isInstanceOf(HttpTimeoutException.class);
          });
      assertThat(Duration.between(start, h.clock.instant())).isEqualTo(Duration.ofSeconds(5));
      assertThat(h.transport.calls()).singleElement()
          .satisfies(r -> assertThat(r.call().timeout()).isEqualTo(Duration.ofSeconds(5)));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theCapabilitiesReadAndTheCallShareOneBudget(Mode mode) {
    try (ClientHarness h = harness(b -> b)) {
      // Given: the capabilities take 4 s to come, then the create never answers
      h.server.script(c -> c.uri().getPath().equals("/v1/capabilities"), Reply.later(Duration.ofSeconds(4),
          () -> FakeJobServer.json(200, new Capabilities(List.of(), null, null), Map.of())));
      h.server.script(c -> c.method().equals("POST"),
          Reply.later(Duration.ofHours(1), () -> problem(500, "never", Map.of())));
      Instant start = h.clock.instant();

      // When / Then: the create had the second that was left
      assertThatThrownBy(() -> h.call(mode, c -> c.createJob(), c -> c.createJobAsync(JobRequest.EMPTY)))
          .isInstanceOf(CallTimeoutException.class)
          .hasMessageContaining("create a job");
      assertThat(Duration.between(start, h.clock.instant())).isEqualTo(Duration.ofSeconds(5));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retriesStopAtTheCallTimeoutWithTheLastFailureAsTheCause(Mode mode) {
    try (ClientHarness h = harness(b -> b.protocol(ProtocolMode.V1))) {
      // Given: the server is busy for the next 20 requests, asking for 2 s each time
      h.server.addJob("a", Duration.ofMinutes(5), JobStatus.COMPLETED);
      for (int i = 0; i < 20; i++) {
        h.server.script(c -> c.uri().getPath().equals("/v1/jobs/a"),
            Reply.now(problem(503, "busy", Map.of("Retry-After", "2"))));
      }
      Instant start = h.clock.instant();

      // When / Then: reads at 0, 2 and 4 s; the next would start past the budget
      assertThatThrownBy(() -> h.call(mode, c -> c.cancel("a"), c -> c.cancelAsync("a")))
          .isInstanceOfSatisfying(CallTimeoutException.class,
              e -> assertThat(e.getCause()).isInstanceOf(ApiException.class));
      assertThat(h.transport.calls("DELETE", "/v1/jobs/a")).hasSize(3);
      assertThat(Duration.between(start, h.clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }
  }
}
