package dev.vtstatus.junit;

import dev.vtstatus.server.ServerConfig;
import java.security.SecureRandom;
import java.util.HexFormat;

/** How the extension fixes a user's settings for a test server, and which keys it talks with. */
final class ServerConfigs {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ServerConfigs() {}

  /**
   * Returns the config with host 127.0.0.1 and port 0, and a random admin key when API keys are
   * set without one, so that the extension can always use the admin routes.
   */
  static ServerConfig forTests(ServerConfig.Builder settings) {
    ServerConfig config = settings.host("127.0.0.1").port(0).build();
    if (!config.auth().apiKeys().isEmpty() && config.auth().adminKey() == null) {
      byte[] key = new byte[16];
      RANDOM.nextBytes(key);
      config = config.toBuilder().adminKey("vtstatus-junit-" + HexFormat.of().formatHex(key)).build();
    }
    return config;
  }

  /** Returns the key the test's clients send: the first API key in order, or null when none is needed. */
  static String clientKey(ServerConfig config) {
    return config.auth().apiKeys().stream().sorted().findFirst().orElse(null);
  }

  /** Returns the key the admin client sends, or null when the admin routes are open. */
  static String adminKey(ServerConfig config) {
    return config.auth().adminKey();
  }
}
