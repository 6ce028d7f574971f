package dev.vtstatus.client;

import static dev.vtstatus.client.fakes.FakeJobServer.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.client.fakes.FakeTransport.Reply;
import dev.vtstatus.client.internal.http.HttpAnswer;
import dev.vtstatus.client.internal.http.HttpCall;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class AnswerHandlingTest {
  private static final Predicate<HttpCall> READ_A = c -> c.uri().getPath().equals("/v1/jobs/a");

  private static ClientHarness harness() {
    return ClientHarness.create(b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1))).protocol(ProtocolMode.V1));
  }

  private static HttpAnswer body(String json) {
    return HttpAnswer.of(200, Map.of("Content-Type", "application/json"), json);
  }

  static Stream<Arguments> unusableAnswers() {
    return Stream.of(
        Arguments.of(Mode.SYNC, HttpAnswer.of(200, Map.of("Content-Type", "text/html"), "<html>oops</html>"),
            "answer is not JSON (HTTP 200): '<html>oops</html>'"),
        Arguments.of(Mode.ASYNC, body("{\"job_id\":\"a\",\"status\":\"x\"}"), "unknown status 'x'"),
        Arguments.of(Mode.SYNC, body("{\"job_id\":\"a\"}"), "missing field 'status'"),
        Arguments.of(Mode.ASYNC, body("{\"status\":\"pending\"}"), "missing field 'job_id'"),
        Arguments.of(Mode.SYNC, body("[1,2]"), "answer is not a JSON object (HTTP 200): '[1,2]'"),
        Arguments.of(Mode.ASYNC, body("{\"job_id\":\"b\",\"status\":\"pending\"}"),
            "answer is about job 'b', not the job asked for ('a')"),
        Arguments.of(Mode.SYNC, body("{\"job_id\":\"a\",\"status\":\"pending\",\"created_at\":\"yesterday\"}"),
            "malformed job"));
  }

  @ParameterizedTest
  @MethodSource("unusableAnswers")
  void unusableAnswerThrowsInvalidResponseNamingWhatWasWrong(Mode mode, HttpAnswer answer, String message) {
    try (ClientHarness h = harness()) {
      // Given
      h.server.addJob("a", Duration.ofSeconds(5), JobStatus.COMPLETED);
      h.server.script(READ_A, Reply.now(answer));

      // When / Then
      assertThatThrownBy(() -> h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a")))
          .isInstanceOf(InvalidResponseException.class)
          .hasMessageContaining(message);
      assertThat(h.transport.calls("GET", "/v1/jobs/a")).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void unknownJobThrowsJobNotFoundWithoutRetrying(Mode mode) {
    try (ClientHarness h = harness()) {
      // When / Then
      assertThatThrownBy(() -> h.call(mode, c -> c.waitForResult("nope"), c -> c.waitForResultAsync("nope")))
          .isInstanceOfSatisfying(JobNotFoundException.class, e -> assertThat(e.jobId()).isEqualTo("nope"));
      assertThat(h.transport.calls("GET", "/v1/jobs/nope")).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void refusedKeyThrowsAuthenticationException(Mode mode) {
    try (ClientHarness h = harness()) {
      // Given
      h.server.script(c -> true, Reply.now(problem(401, "missing or wrong X-Api-Key", Map.of())));

      // When / Then
      assertThatThrownBy(() -> h.call(mode, c -> c.getStatus("a"), c -> c.getStatusAsync("a")))
          .isInstanceOfSatisfying(AuthenticationException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.problem().detail()).isEqualTo("missing or wrong X-Api-Key");
          });
      assertThat(h.transport.calls()).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void otherRefusalThrowsApiExceptionWithTheProblem(Mode mode) {
    try (ClientHarness h = harness()) {
      // Given
      h.server.addJob("a", Duration.ofSeconds(5), JobStatus.COMPLETED);
      h.server.script(READ_A, Reply.now(problem(400, "wait must be a number", Map.of())));

      // When / Then
      assertThatThrownBy(() -> h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a")))
          .isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e).isNotInstanceOf(AuthenticationException.class);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.getMessage()).contains("wait must be a number");
          });
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void errorAndCanceledJobsAreOutcomesNotExceptions(Mode mode) {
    try (ClientHarness h = harness()) {
      // Given
      h.server.addJob("a", Duration.ofSeconds(30), JobStatus.COMPLETED);

      // When
      Job canceled = h.call(mode, c -> c.cancel("a"), c -> c.cancelAsync("a"));
      Job waited = h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));
      Job again = h.call(mode, c -> c.cancel("a"), c -> c.cancelAsync("a"));

      // Then
      assertThat(canceled.status()).isEqualTo(JobStatus.CANCELED);
      assertThat(waited.status()).isEqualTo(JobStatus.CANCELED);
      assertThat(waited.error().code()).isEqualTo("canceled");
      assertThat(again.status()).isEqualTo(JobStatus.CANCELED);
    }
  }
}
