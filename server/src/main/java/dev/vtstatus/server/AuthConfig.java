package dev.vtstatus.server;

import java.util.Objects;
import java.util.Set;

/**
 * Who may use a {@link JobServer}: the job keys and the admin key, sent as {@code X-Api-Key} (see
 * docs/PROTOCOL.md). Part of {@link ServerConfig}; immutable. {@link #toString()} never shows a key.
 *
 * @param apiKeys accepted {@code X-Api-Key} values; empty means no key is needed
 * @param adminKey the {@code X-Api-Key} value the admin routes need; null means none (open without
 *     API keys, refused with them)
 */
public record AuthConfig(Set<String> apiKeys, String adminKey) {

  /** Checks and copies the keys. */
  public AuthConfig {
    apiKeys = Set.copyOf(Objects.requireNonNull(apiKeys, "apiKeys"));
    ConfigChecks.requireKeys("apiKeys", apiKeys);
    ConfigChecks.requireKey("adminKey", adminKey);
  }

  /** Describes the keys without showing them: the API keys as a count, the admin key as {@code ***}. */
  @Override
  public String toString() {
    return "AuthConfig[apiKeys=[" + apiKeys.size() + (apiKeys.size() == 1 ? " key]" : " keys]")
        + ", adminKey=" + (adminKey == null ? "null" : "***") + "]";
  }
}
