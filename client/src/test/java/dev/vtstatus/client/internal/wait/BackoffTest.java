package dev.vtstatus.client.internal.wait;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesFromTheBaseUpToTheCapWithinItsJitterBounds() {
    // Given
    Random random = new Random(5);
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), random::nextDouble);

    // When / Then: nominal 100, 200, 400 ... 5000 ms, each scaled into [0.5, 1)
    for (int failures = 1; failures <= 12; failures++) {
      long nominal = Math.min(5_000, 100L << (failures - 1));
      for (int i = 0; i < 200; i++) {
        Duration d = backoff.delay(failures, null);
        assertThat(d.toNanos()).isBetween(nominal * 500_000L, nominal * 1_000_000L - 1);
      }
    }
  }

  @Test
  void aLongerRetryAfterWinsAndAShorterOneDoesNot() {
    // Given
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.0);

    // When / Then
    assertThat(backoff.delay(1, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(5, Duration.ofMillis(10))).isEqualTo(Duration.ofMillis(800));
  }
}
