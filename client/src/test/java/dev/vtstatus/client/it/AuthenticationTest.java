package dev.vtstatus.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vtstatus.client.AuthenticationException;
import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A server that requires an API key: a wrong or missing key fails at once, typed, not retried. */
class AuthenticationTest {
  private static final String KEY = "key-for-tests";

  @RegisterExtension
  static final JobServerExtension SERVER = JobServerExtension.with(c -> c.apiKeys(Set.of(KEY)));

  /** A rejected key must fail fast, not after the retries or the wait's timeout. */
  private static final Duration FAST = Duration.ofSeconds(5);

  @Test
  void theRightKeyCreatesAndWaits() {
    // Given
    VideoTranslationClient client = SERVER.client(b -> b.apiKey(KEY));

    // When
    Job created =
        client.createJob(
            JobRequest.builder()
                .simulate(new Simulation(Duration.ofMillis(50), JobStatus.COMPLETED))
                .build());
    Job done = client.waitForResult(created.jobId(), Duration.ofSeconds(10));

    // Then
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aWrongKeyFailsTheCreateWithAuthenticationException() {
    // Given
    VideoTranslationClient client =
        SERVER.client(b -> b.apiKey("wrong-key").timeout(Duration.ofSeconds(20)));

    // When / Then
    assertTimeoutPreemptively(
        FAST,
        () ->
            assertThatThrownBy(client::createJob)
                .isInstanceOfSatisfying(
                    AuthenticationException.class, e -> assertThat(e.statusCode()).isEqualTo(401)));
  }

  @Test
  void aMissingKeyFailsWithAuthenticationException() {
    // Given
    VideoTranslationClient client = SERVER.client(b -> b.timeout(Duration.ofSeconds(20)));

    // When / Then
    assertTimeoutPreemptively(
        FAST,
        () -> assertThatThrownBy(client::createJob).isInstanceOf(AuthenticationException.class));
  }

  static Stream<Arguments> waits() {
    return Stream.of(
            WaitStrategy.fixed(Duration.ofMillis(100)),
            WaitStrategy.longPoll(Duration.ofSeconds(10)),
            WaitStrategy.events(),
            WaitStrategy.auto())
        .flatMap(s -> Stream.of(WaitMode.values()).map(mode -> Arguments.of(s.name(), s, mode)));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("waits")
  void aWrongKeyFailsTheWaitWithAuthenticationException(
      String name, WaitStrategy strategy, WaitMode mode) {
    // Given
    VideoTranslationClient owner = SERVER.client(b -> b.apiKey(KEY));
    Job created =
        owner.createJob(
            JobRequest.builder()
                .simulate(new Simulation(Duration.ofSeconds(2), JobStatus.COMPLETED))
                .build());
    VideoTranslationClient stranger =
        SERVER.client(
            b -> b.apiKey("wrong-key").waitStrategy(strategy).timeout(Duration.ofSeconds(20)));

    // When / Then
    assertTimeoutPreemptively(
        FAST,
        () ->
            assertThatThrownBy(
                    () -> mode.waitFor(stranger, created.jobId(), Duration.ofSeconds(20)))
                .isInstanceOf(AuthenticationException.class));
  }
}
