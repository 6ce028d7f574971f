package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  @Test
  void toStringRedactsApiKeysAndWebhookSecret() {
    // Given
    ServerConfig config = ServerConfig.builder()
        .apiKeys(Set.of("key-alpha-123", "key-beta-456"))
        .webhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        .maxJobs(77)
        .build();

    // When
    String text = config.toString();

    // Then
    assertThat(text)
        .doesNotContain("key-alpha-123", "key-beta-456", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        .contains("apiKeys=[2 keys]", "secret=***", "maxJobs=77");
  }

  @Test
  void toStringShowsAMissingSecretAsNull() {
    // Given
    ServerConfig config = ServerConfig.builder().apiKeys(Set.of("only-key")).build();

    // When
    String text = config.toString();

    // Then
    assertThat(text).doesNotContain("only-key").contains("apiKeys=[1 key]", "secret=null");
  }
}
