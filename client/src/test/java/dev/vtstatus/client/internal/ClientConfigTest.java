package dev.vtstatus.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.ProtocolMode;
import dev.vtstatus.client.WaitStrategy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientConfigTest {
  private static ClientConfig config(String apiKey) {
    return config(apiKey, 2);
  }

  private static ClientConfig config(String apiKey, int threads) {
    return new ClientConfig(List.of(URI.create("http://127.0.0.1:5000")), apiKey, Duration.ofSeconds(300), 10,
        Duration.ofSeconds(30), WaitStrategy.auto(), 0, Clock.systemUTC(), null, null, null, null,
        List.of(), ProtocolMode.AUTO, threads, ClientConfig.Limits.DEFAULT, null);
  }

  @Test
  void threadsFollowTheBuildersRuleOfOneToSixtyFour() {
    // Given / When / Then
    assertThat(config(null, 1).threads()).isEqualTo(1);
    assertThat(config(null, 64).threads()).isEqualTo(64);
    assertThatThrownBy(() -> config(null, 65)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be between 1 and 64, was 65");
    assertThatThrownBy(() -> config(null, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be between 1 and 64, was 0");
  }

  @Test
  void refusesTheBaseUrlsAndApiKeyTheBuilderRefuses() {
    // Given
    List<URI> twice = List.of(URI.create("http://a:5000"), URI.create("http://a:5000"));

    // When / Then
    assertThatThrownBy(() -> new ClientConfig(twice, null, Duration.ofSeconds(300), 10,
        Duration.ofSeconds(30), WaitStrategy.auto(), 0, Clock.systemUTC(), null, null, null, null,
        List.of(), ProtocolMode.AUTO, 2, ClientConfig.Limits.DEFAULT, null))
        .hasMessageContaining("baseUrls must not repeat a URL");
    assertThatThrownBy(() -> config("has space")).hasMessage("apiKey must be printable ASCII without spaces");
  }

  @Test
  void toStringRedactsTheApiKey() {
    // Given
    ClientConfig config = config("sk-live-0123456789");

    // When
    String shown = config.toString();

    // Then
    assertThat(shown).doesNotContain("sk-live-0123456789").contains("apiKey=<redacted>")
        .contains("baseUrls=[http://127.0.0.1:5000]").contains("timeout=PT5M");
  }

  @Test
  void toStringSaysWhenNoApiKeyIsSet() {
    // Given
    ClientConfig config = config(null);

    // When
    String shown = config.toString();

    // Then
    assertThat(shown).contains("apiKey=none");
  }
}
