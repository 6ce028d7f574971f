package dev.vtstatus.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PortsTest {
  @Test
  void anUnusedPortRefusesConnections() {
    // Given
    int port = Ports.unused();

    // When / Then
    assertThat(port).isBetween(1, 65_535);
    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      }
    }).isInstanceOf(ConnectException.class);
  }

  @Test
  void anUnreachableUrlIsPlainHttpOnLoopback() {
    // When
    URI url = URI.create(Ports.unreachableUrl());

    // Then
    assertThat(url.getScheme()).isEqualTo("http");
    assertThat(url.getHost()).isEqualTo("127.0.0.1");
    assertThat(url.getPort()).isPositive();
    assertThat(url.getPath()).isEmpty();
  }
}
