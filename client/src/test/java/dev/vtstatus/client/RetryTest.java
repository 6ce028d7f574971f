package dev.vtstatus.client;

import static dev.vtstatus.client.fakes.FakeJobServer.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.client.fakes.FakeTransport.Recorded;
import dev.vtstatus.client.fakes.FakeTransport.Reply;
import dev.vtstatus.client.internal.http.HttpCall;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Protocol;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryTest {
  private static final Predicate<HttpCall> READ_A = c -> c.uri().getPath().equals("/v1/jobs/a");

  private static ClientHarness harness(int maxRetries) {
    return ClientHarness.create(b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1)))
        .protocol(ProtocolMode.V1).maxRetries(maxRetries).timeout(Duration.ofSeconds(60)));
  }

  private static List<Long> offsets(ClientHarness h, Instant start) {
    return h.transport.calls("GET", "/v1/jobs/a").stream()
        .map(Recorded::at).map(t -> Duration.between(start, t).toMillis()).toList();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retriesAfterServerSaysRetryAfter(Mode mode) {
    try (ClientHarness h = harness(10)) {
      // Given
      Instant start = h.clock.instant();
      h.server.addJob("a", Duration.ZERO, JobStatus.COMPLETED);
      h.server.script(READ_A, Reply.now(problem(503, "overloaded", Map.of("Retry-After", "3"))));

      // When
      Job job = h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(offsets(h, start)).containsExactly(0L, 3_000L);
      assertThat(h.listener.retryDelays()).containsExactly(Duration.ofSeconds(3));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void givesUpAfterMaxRetriesConsecutiveFailuresWithTheLastCause(Mode mode) {
    try (ClientHarness h = harness(3)) {
      // Given
      Instant start = h.clock.instant();
      h.server.addJob("a", Duration.ZERO, JobStatus.COMPLETED);
      for (int i = 0; i < 4; i++) {
        h.server.script(READ_A, Reply.now(problem(503, "overloaded", Map.of())));
      }

      // When / Then
      assertThatThrownBy(() -> h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a")))
          .isInstanceOfSatisfying(RetriesExhaustedException.class, e -> {
            assertThat(e.attempts()).isEqualTo(4);
            assertThat(e.getCause()).isInstanceOfSatisfying(ApiException.class,
                api -> assertThat(api.statusCode()).isEqualTo(503));
          });
      // backoff 100 ms doubling, at the low end of its jitter (x0.5)
      assertThat(offsets(h, start)).containsExactly(0L, 50L, 150L, 350L);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void keepsTheTransportsIoExceptionAsTheCause(Mode mode) {
    try (ClientHarness h = harness(2)) {
      // Given
      h.server.addJob("a", Duration.ZERO, JobStatus.COMPLETED);
      for (int i = 0; i < 3; i++) {
        h.server.script(READ_A, Reply.fail(new ConnectException("Connection refused")));
      }

      // When / Then
      assertThatThrownBy(() -> h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a")))
          .isInstanceOf(RetriesExhaustedException.class)
          .hasCauseInstanceOf(ConnectException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void countsOnlyConsecutiveFailuresAgainstTheBudget(Mode mode) {
    try (ClientHarness h = harness(1)) {
      // Given: fail, succeed (pending), fail, succeed (done)
      h.server.addJob("a", Duration.ofMillis(500), JobStatus.COMPLETED);
      h.server.script(READ_A, Reply.fail(new IOException("connection reset")));
      Instant later = h.clock.instant().plusMillis(900);
      h.server.script(c -> READ_A.test(c) && h.clock.instant().isAfter(later),
          Reply.now(problem(429, "slow down", Map.of("Retry-After", "1"))));

      // When
      Job job = h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(h.listener.events("retried")).hasSize(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void neverWaitsPastTheDeadlineForARetry(Mode mode) {
    try (ClientHarness h = harness(10)) {
      // Given: the server asks for 10 s, the wait has 5 s
      Instant start = h.clock.instant();
      h.server.addJob("a", Duration.ZERO, JobStatus.COMPLETED);
      h.server.script(READ_A, Reply.now(problem(503, "busy", Map.of("Retry-After", "10"))));

      // When / Then
      assertThatThrownBy(() -> h.call(mode,
              c -> c.waitForResult("a", Duration.ofSeconds(5)), c -> c.waitForResultAsync("a", Duration.ofSeconds(5))))
          .isInstanceOf(WaitTimeoutException.class);
      assertThat(offsets(h, start)).containsExactly(0L);
      assertThat(h.clock.instant()).isEqualTo(start.plusSeconds(5));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retriedCreateSendsTheSameIdempotencyKeyAndMakesOneJob(Mode mode) {
    try (ClientHarness h = harness(5)) {
      // Given: the first create is lost on the way back
      h.server.script(c -> c.method().equals("POST"), Reply.fail(new IOException("connection reset")));

      // When
      Job job = h.call(mode, c -> c.createJob(), c -> c.createJobAsync(JobRequest.EMPTY));

      // Then
      List<Recorded> creates = h.transport.calls("POST", "/v1/jobs");
      assertThat(creates).hasSize(2);
      assertThat(creates.get(0).header(Protocol.IDEMPOTENCY_KEY_HEADER))
          .isNotBlank()
          .isEqualTo(creates.get(1).header(Protocol.IDEMPOTENCY_KEY_HEADER));
      assertThat(h.server.jobCount()).isEqualTo(1);
      assertThat(job.jobId()).isEqualTo("job-1");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void eachCreateHasItsOwnIdempotencyKey(Mode mode) {
    try (ClientHarness h = harness(5)) {
      // When
      h.call(mode, c -> c.createJob(), c -> c.createJobAsync(JobRequest.EMPTY));
      h.call(mode, c -> c.createJob(), c -> c.createJobAsync(JobRequest.EMPTY));

      // Then
      List<Recorded> creates = h.transport.calls("POST", "/v1/jobs");
      assertThat(creates.get(0).header(Protocol.IDEMPOTENCY_KEY_HEADER))
          .isNotEqualTo(creates.get(1).header(Protocol.IDEMPOTENCY_KEY_HEADER));
      assertThat(h.server.jobCount()).isEqualTo(2);
    }
  }
}
