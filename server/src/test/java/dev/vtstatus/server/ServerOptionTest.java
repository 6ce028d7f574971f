package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServerOptionTest {
  @Test
  void flagsAndVariablesAreUniqueAndNamedAlike() {
    // Given / When
    Set<String> flags = ServerOption.all().stream().map(ServerOption::flag).collect(Collectors.toSet());
    Set<String> variables = ServerOption.all().stream().map(ServerOption::environment).collect(Collectors.toSet());
    // Then
    assertThat(flags).hasSize(ServerOption.all().size()).contains("--event-buffer", "--api-key", "--max-delay");
    assertThat(variables).hasSize(ServerOption.all().size())
        .contains("VTSTATUS_EVENT_BUFFER", "VTSTATUS_API_KEY", "VTSTATUS_MAX_DELAY");
  }

  @Test
  void theBuilderDefaultsAreTheTablesDefaults() {
    // Given a builder on which every typed default is set again from its text
    ServerConfig.Builder builder = ServerConfig.builder();
    for (ServerOption<?> option : ServerOption.all()) {
      if (option.defaultValue() != null) {
        option.setText(builder, option.defaultValue());
      }
    }
    // When / Then it builds the default config, which is the seed server's
    ServerConfig config = builder.build();
    assertThat(config).isEqualTo(ServerConfig.builder().build());
    assertThat(config.port()).isEqualTo(5000);
    assertThat(config.simulation().maxDelay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.limits().maxBodySize()).isEqualTo(65_536);
    assertThat(config.faults().rateLimit()).isNull();
  }

  @Test
  void textIsReadAndSetByTheOption() {
    // Given
    ServerConfig.Builder builder = ServerConfig.builder();
    // When
    ServerOption.byFlag("--min-delay").orElseThrow().setText(builder, "250ms");
    ServerOption.byFlag("--api-key").orElseThrow().setText(builder, "k1,,k2");
    ServerOption.byFlag("--seed-protocol-only").orElseThrow().setText(builder, "true");
    ServerOption.byFlag("--admin-key").orElseThrow().setText(builder, "");
    // Then
    ServerConfig config = builder.build();
    assertThat(config.simulation().minDelay()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.auth().apiKeys()).containsExactlyInAnyOrder("k1", "k2");
    assertThat(config.auth().adminKey()).isNull();
    assertThat(config.seedProtocolOnly()).isTrue();
  }

  @Test
  void errorsNameTheFlag() {
    // Given
    ServerConfig.Builder builder = ServerConfig.builder();
    ServerOption<?> probability = ServerOption.byFlag("--error-probability").orElseThrow();
    ServerOption<?> buffer = ServerOption.byFlag("--event-buffer").orElseThrow();
    // When / Then
    assertThatThrownBy(() -> probability.setText(builder, "1.5"))
        .hasMessage("--error-probability must be between 0 and 1, was 1.5");
    assertThatThrownBy(() -> buffer.setText(builder, "0"))
        .hasMessage("--event-buffer must be between 1 and 2147483647, was 0");
    assertThatThrownBy(() -> buffer.setText(builder, "many")).hasMessage("--event-buffer: 'many' is not a number");
    assertThatThrownBy(() -> ServerOption.byFlag("--heartbeat").orElseThrow().setText(builder, "5x"))
        .hasMessageStartingWith("--heartbeat: '5x' is not a duration");
    assertThatThrownBy(() -> builder.apiKeys(Set.of(" "))).hasMessage("apiKeys must not contain a blank key");
  }

  @Test
  void withFlagTurnsBuilderNamesIntoFlags() {
    // Given / When / Then
    assertThat(ServerOption.withFlag("faultRate must be between 0 and 1, was 2.0"))
        .isEqualTo("--fault-rate must be between 0 and 1, was 2.0");
    assertThat(ServerOption.withFlag("eventBufferSize must be between 1 and 5, was 0"))
        .isEqualTo("--event-buffer must be between 1 and 5, was 0");
    assertThat(ServerOption.withFlag("port must be between 0 and 65535, was 70000"))
        .isEqualTo("--port must be between 0 and 65535, was 70000");
    assertThat(ServerOption.withFlag("something else")).isEqualTo("something else");
  }
}
