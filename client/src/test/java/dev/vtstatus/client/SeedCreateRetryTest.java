package dev.vtstatus.client;

import static dev.vtstatus.client.fakes.FakeJobServer.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.client.fakes.FakeTransport.Reply;
import dev.vtstatus.client.internal.http.HttpCall;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A seed-protocol create has no Idempotency-Key, so it is repeated only when it never left. */
class SeedCreateRetryTest {
  private static final Predicate<HttpCall> CREATE = c -> c.method().equals("POST");

  private static ClientHarness seed() {
    ClientHarness h = ClientHarness.create(b -> b.protocol(ProtocolMode.SEED));
    h.server.seedOnly();
    return h;
  }

  private static Job create(ClientHarness h, Mode mode) {
    return h.call(mode, c -> c.createJob(JobRequest.EMPTY), c -> c.createJobAsync(JobRequest.EMPTY));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aSeedCreateWhoseAnswerWasLostIsNotRepeated(Mode mode) {
    try (ClientHarness h = seed()) {
      // Given: the connection breaks after the request was sent
      h.server.script(CREATE, Reply.fail(new IOException("connection reset")));

      // When / Then
      assertThatThrownBy(() -> create(h, mode))
          .isInstanceOf(VideoTranslationException.class)
          .hasMessageContaining("Idempotency-Key")
          .hasCauseInstanceOf(IOException.class);
      assertThat(h.transport.calls("POST", "/job")).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aSeedCreateAnsweredWithAServerErrorIsNotRepeated(Mode mode) {
    try (ClientHarness h = seed()) {
      // Given: a 503 without Retry-After, as a proxy that forwarded the request may answer
      h.server.script(CREATE, Reply.now(problem(503, "bad gateway", Map.of())));

      // When / Then
      assertThatThrownBy(() -> create(h, mode))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
      assertThat(h.transport.calls("POST", "/job")).hasSize(1);
      assertThat(h.server.jobCount()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aSeedCreateRefusedAsOverloadIsRepeated(Mode mode) {
    try (ClientHarness h = seed()) {
      // Given: the protocol's overload refusals, made before the request is handled
      h.server.script(CREATE, Reply.now(problem(429, "slow down", Map.of("Retry-After", "1"))));
      h.server.script(CREATE, Reply.now(problem(503, "overloaded", Map.of("Retry-After", "1"))));

      // When
      Job job = create(h, mode);

      // Then
      assertThat(job.jobId()).isNotBlank();
      assertThat(h.transport.calls("POST", "/job")).hasSize(3);
      assertThat(h.server.jobCount()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aSeedCreateThatCouldNotConnectIsRepeated(Mode mode) {
    try (ClientHarness h = seed()) {
      // Given
      h.server.script(CREATE, Reply.fail(new ConnectException("Connection refused")));

      // When
      Job job = create(h, mode);

      // Then
      assertThat(job.jobId()).isNotBlank();
      assertThat(h.transport.calls("POST", "/job")).hasSize(2);
      assertThat(h.server.jobCount()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aVersion1CreateIsRepeatedWithTheSameIdempotencyKey(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.protocol(ProtocolMode.V1))) {
      // Given
      h.server.script(CREATE, Reply.fail(new IOException("connection reset")));

      // When
      create(h, mode);

      // Then
      assertThat(h.transport.calls("POST", "/v1/jobs")).hasSize(2)
          .extracting(c -> c.header("Idempotency-Key")).doesNotContainNull().containsOnly(
              h.transport.calls("POST", "/v1/jobs").get(0).header("Idempotency-Key"));
    }
  }
}
