package dev.vtstatus.server;

import java.time.Duration;

/**
 * How a {@link JobServer} sends webhooks to {@code callback_url}. Part of {@link ServerConfig};
 * immutable. {@link #toString()} never shows the secret.
 *
 * @param secret the {@code whsec_...} secret webhooks are signed with; null draws one
 * @param timeout how long one webhook attempt may take, from connecting to the last byte
 * @param allowPrivateCallbacks accept private and loopback {@code callback_url} addresses even when
 *     the server does not bind loopback
 */
public record WebhookConfig(String secret, Duration timeout, boolean allowPrivateCallbacks) {

  /** Checks every value. */
  public WebhookConfig {
    ConfigChecks.requirePositive("webhookTimeout", timeout);
  }

  /** Describes the settings with the secret as {@code ***}. */
  @Override
  public String toString() {
    return "WebhookConfig[secret=" + (secret == null ? "null" : "***") + ", timeout=" + timeout
        + ", allowPrivateCallbacks=" + allowPrivateCallbacks + "]";
  }
}
