package dev.vtstatus.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FakeClockTest {
  private static final Instant START = Instant.parse("2030-01-02T03:04:05Z");

  @Test
  void readsItsStartUntilMoved() {
    // Given
    FakeClock clock = new FakeClock(START);
    // When / Then
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
    assertThat(new FakeClock().instant()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
  }

  @Test
  void movesForwardByAdvanceAndSet() {
    // Given
    FakeClock clock = new FakeClock(START);
    // When
    clock.advance(Duration.ofMillis(1500));
    Instant advanced = clock.instant();
    clock.set(START.plusSeconds(60));
    // Then
    assertThat(advanced).isEqualTo(START.plusMillis(1500));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(60));
  }

  @Test
  void refusesToGoBackAndKeepsItsTime() {
    // Given
    FakeClock clock = new FakeClock(START);
    // When / Then
    assertThatThrownBy(() -> clock.set(START.minusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot go back");
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void staysInUtcWhateverZoneIsAsked() {
    // Given
    FakeClock clock = new FakeClock(START);
    // When
    Clock zoned = clock.withZone(ZoneId.of("Europe/Paris"));
    clock.advance(Duration.ofSeconds(1));
    // Then
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(zoned.instant()).isEqualTo(START.plusSeconds(1));
  }
}
