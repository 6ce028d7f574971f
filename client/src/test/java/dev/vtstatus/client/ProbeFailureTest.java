package dev.vtstatus.client;

import static dev.vtstatus.client.fakes.FakeJobServer.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.client.fakes.FakeTransport.Reply;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeFailureTest {

  /** Each public operation, sync and async, that needs the capabilities probe first. */
  static Stream<Arguments> operations() {
    Map<String, Function<VideoTranslationClient, CompletableFuture<?>>> async = Map.of(
        "createJob", c -> c.createJobAsync(JobRequest.EMPTY),
        "getStatus", c -> c.getStatusAsync("a"),
        "cancel", c -> c.cancelAsync("a"),
        "waitForResult", c -> c.waitForResultAsync("a", Duration.ofSeconds(10)));
    Map<String, Function<VideoTranslationClient, ?>> sync = Map.of(
        "createJob", c -> c.createJob(JobRequest.EMPTY),
        "getStatus", c -> c.getStatus("a"),
        "cancel", c -> c.cancel("a"),
        "waitForResult", c -> c.waitForResult("a", Duration.ofSeconds(10)));
    return async.keySet().stream().sorted().flatMap(name -> Stream.of(Mode.values())
        .map(mode -> Arguments.of(name, mode, sync.get(name), async.get(name))));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("operations")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aProbeThatRunsOutOfTimeFailsWithAPublicExceptionKeepingTheCause(
      String name, Mode mode, Function sync, Function async) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.events())
        .callTimeout(Duration.ofSeconds(2)))) {
      // Given: the capabilities probe only ever gets 503s until its 2 s call budget is spent
      h.server.addJob("a", Duration.ofSeconds(1), JobStatus.COMPLETED);
      for (int i = 0; i < 20; i++) {
        h.server.script(c -> c.uri().getPath().equals("/v1/capabilities"),
            Reply.now(problem(503, "overloaded", Map.of())));
      }
      Instant start = h.clock.instant();

      // When / Then
      assertThatThrownBy(() -> h.call(mode, sync, async))
          .isInstanceOfSatisfying(CallTimeoutException.class, e -> {
            assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(h.transport.calls("GET", "/v1/capabilities")).hasSize(6);
            assertThat(e.getCause()).isInstanceOfSatisfying(ApiException.class,
                api -> assertThat(api.statusCode()).isEqualTo(503));
          });
      assertThat(Duration.between(start, h.clock.instant())).isLessThan(Duration.ofSeconds(2));
    }
  }
}
