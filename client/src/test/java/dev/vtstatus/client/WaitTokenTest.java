package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.client.fakes.FakeTransport.Recorded;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WaitTokenTest {

  private static ClientHarness fixedPolling() {
    return ClientHarness.create(b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1))).protocol(ProtocolMode.V1));
  }

  /** Starts a 10 s wait for a 60 s job "a" and returns its token taken after {@code after}. */
  private static String tokenAfter(Duration after) {
    try (ClientHarness first = fixedPolling()) {
      first.server.addJob("a", Duration.ofSeconds(60), JobStatus.COMPLETED);
      CompletableFuture<Job> wait = first.client.waitForResultAsync("a", Duration.ofSeconds(10));
      first.scheduler.advance(after);
      assertThat(wait).isNotDone();
      return first.client.waitToken("a").toString();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aResumedWaitKeepsTheDeadlineToTheMillisecond(Mode mode) {
    // Given: a 10 s wait begun at 10:00:00.000, its token taken at 4.250 s; the process ends
    String text = tokenAfter(Duration.ofMillis(4_250));

    try (ClientHarness second = fixedPolling()) {
      // a new process, 1.5 s later, that sees the same job
      second.server.addJob("a", Duration.ofSeconds(60), JobStatus.COMPLETED);
      Instant resumedAt = second.clock.instant().plusMillis(5_750);
      second.clock.set(resumedAt);
      WaitToken token = WaitToken.parse(text);

      // When / Then: it times out at 10:00:10.000 exactly, with the 4.250 s it had left
      assertThat(token.deadline()).isEqualTo(Instant.parse("2026-11-23T10:00:10Z"));
      assertThatThrownBy(() -> second.call(mode, c -> c.resumeWait(token), c -> c.resumeWaitAsync(token)))
          .isInstanceOfSatisfying(WaitTimeoutException.class, e -> {
            assertThat(e.timeout()).isEqualTo(Duration.ofMillis(4_250));
            assertThat(e.token().deadline()).isEqualTo(token.deadline());
          });
      assertThat(second.clock.instant()).isEqualTo(token.deadline());
      assertThat(second.transport.calls("GET", "/v1/jobs/a")).extracting(Recorded::at)
          .allSatisfy(at -> assertThat(at).isBefore(token.deadline()));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aResumedWaitSeesTheEndWithinItsBudget(Mode mode) {
    // Given: the token of a wait for a job that ends 8 s after its start
    String text;
    try (ClientHarness first = fixedPolling()) {
      first.server.addJob("a", Duration.ofSeconds(8), JobStatus.ERROR);
      CompletableFuture<Job> wait = first.client.waitForResultAsync("a", Duration.ofSeconds(10));
      first.scheduler.advance(Duration.ofSeconds(3));
      text = first.client.waitToken("a").toString();
      wait.cancel(true);
    }
    try (ClientHarness second = fixedPolling()) {
      second.server.addJob("a", Duration.ofSeconds(8), JobStatus.ERROR);
      second.clock.set(second.clock.instant().plusSeconds(5));

      // When
      Job job = second.call(mode, c -> c.resumeWait(WaitToken.parse(text)), c -> c.resumeWaitAsync(WaitToken.parse(text)));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.ERROR);
      assertThat(second.clock.instant()).isEqualTo(Instant.parse("2026-11-23T10:00:08Z"));
    }
  }

  @Test
  void aTokenPastItsDeadlineIsReadOnceAndTimesOutAtOnce() {
    // Given: a token whose deadline passed a minute ago
    String text = tokenAfter(Duration.ofSeconds(1));
    try (ClientHarness second = fixedPolling()) {
      second.server.addJob("a", Duration.ofMinutes(10), JobStatus.COMPLETED);
      second.clock.set(second.clock.instant().plusSeconds(70));
      Instant now = second.clock.instant();

      // When / Then
      assertThatThrownBy(() -> second.call(Mode.ASYNC, c -> null, c -> c.resumeWaitAsync(WaitToken.parse(text))))
          .isInstanceOfSatisfying(WaitTimeoutException.class, e -> {
            assertThat(e.timeout()).isZero();
            assertThat(e.lastSeen().status()).isEqualTo(JobStatus.PENDING);
          });
      assertThat(second.transport.calls("GET", "/v1/jobs/a")).hasSize(1);
      assertThat(second.clock.instant()).isEqualTo(now);
    }
  }

  @Test
  void aTokenSaysWhatItCarriesAndBadTextIsRefused() {
    // Given
    WaitToken token = WaitToken.parse(tokenAfter(Duration.ofMillis(2_500)));

    // Then
    assertThat(token.jobId()).isEqualTo("a");
    assertThat(token.server()).isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(token.lastStatus()).isEqualTo("pending");
    assertThat(token.lastPendingAt()).isEqualTo(Instant.parse("2026-11-23T10:00:02Z"));
    assertThat(WaitToken.parse(token.toString())).isEqualTo(token);
    assertThatThrownBy(() -> WaitToken.parse("hello")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a vtstatus wait token");
    assertThatThrownBy(() -> WaitToken.parse("vt1.!!!")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("damaged");
  }

  @Test
  void aTokenForAnotherServerIsRefusedNamingBoth() {
    WaitToken token = new WaitToken("a", URI.create("http://10.0.0.9:5000"), Instant.now(), null, null, null);
    try (ClientHarness h = fixedPolling()) {
      assertThatThrownBy(() -> h.client.resumeWaitAsync(token)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("10.0.0.9").hasMessageContaining("127.0.0.1");
    }
  }
}
