package dev.vtstatus.client.internal.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
  private final ReconnectBackoff backoff =
      new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(1000), 0.2);

  @Test
  void doublesFromTheInitialDelayUpToTheCap() {
    // When / Then
    assertThat(backoff.delay(1, null, null, 0)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(2, null, null, 0)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(4, null, null, 0)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.delay(5, null, null, 0)).isEqualTo(Duration.ofMillis(1000));
    assertThat(backoff.delay(Integer.MAX_VALUE, null, null, 0)).isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void addsAtMostTheJitterShareAndNeverSubtracts() {
    // When
    Duration least = backoff.delay(2, null, null, 0.0);
    Duration most = backoff.delay(2, null, null, 0.999_999);

    // Then
    assertThat(least).isEqualTo(Duration.ofMillis(200));
    assertThat(most).isEqualTo(Duration.ofMillis(239));
  }

  @Test
  void usesTheServersRetryAsTheBase() {
    // When / Then
    assertThat(backoff.delay(1, Duration.ofMillis(30), null, 0)).isEqualTo(Duration.ofMillis(30));
    assertThat(backoff.delay(3, Duration.ofMillis(30), null, 0)).isEqualTo(Duration.ofMillis(120));
  }

  @Test
  void raisesTheCapToAServerRetryAboveIt() {
    // When
    Duration delay = backoff.delay(3, Duration.ofSeconds(5), null, 0);

    // Then
    assertThat(delay).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void waitsAtLeastTheRetryAfterOfTheAnswer() {
    // When
    Duration delay = backoff.delay(1, null, Duration.ofSeconds(2), 0.5);

    // Then
    assertThat(delay).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void rejectsBadSettingsNamingThem() {
    assertThatThrownBy(() -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1), 0))
        .hasMessageContaining("initialDelay");
    assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
        .hasMessageContaining("maxDelay");
    assertThatThrownBy(
            () -> new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5))
        .hasMessageContaining("jitter");
    assertThatThrownBy(() -> backoff.delay(0, null, null, 0)).hasMessageContaining("failures");
  }
}
