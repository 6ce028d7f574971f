package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * Who may use which route: job keys ({@code apiKeys}) and the admin key, compared in constant time
 * over SHA-256 digests, as docs/PROTOCOL.md states. Immutable and thread-safe.
 */
final class ApiKeys {
  /** The owner of the jobs the admin key creates while job keys are in use. */
  static final String ADMIN_OWNER = "admin";

  private final List<byte[]> jobKeys;
  private final byte[] adminKey;

  ApiKeys(ServerConfig config) {
    this.jobKeys = config.auth().apiKeys().stream().map(ApiKeys::sha256).toList();
    this.adminKey = config.auth().adminKey() == null ? null : sha256(config.auth().adminKey());
  }

  /**
   * Returns why a request with {@code key} (may be null) may not use an admin route ({@code
   * adminRoute}) or a job route, or null when it may.
   */
  ProblemException refusal(boolean adminRoute, String key) {
    byte[] digest = key == null ? null : sha256(key);
    boolean admin = adminKey != null && digest != null && MessageDigest.isEqual(adminKey, digest);
    if (adminRoute) {
      if (adminKey == null) {
        return jobKeys.isEmpty() ? null : forbidden(
            "the admin routes are off while API keys are set and no admin key is; start the server with --admin-key");
      }
      if (admin) {
        return null;
      }
      return matchesJobKey(digest)
          ? forbidden("a job key cannot use the admin routes; send the admin key")
          : unauthorized("the admin key is required in the " + Protocol.API_KEY_HEADER + " header");
    }
    if (jobKeys.isEmpty() || admin || matchesJobKey(digest)) {
      return null;
    }
    return unauthorized("a valid " + Protocol.API_KEY_HEADER + " header is required");
  }

  /**
   * Returns the tenant a job key stands for, named from its digest so that records and logs never
   * hold the key itself; null without job keys, for the admin key (which sees every tenant's jobs)
   * and for a key that is not a job key.
   */
  String tenant(String key) {
    if (jobKeys.isEmpty() || key == null) {
      return null;
    }
    byte[] digest = sha256(key);
    if (adminKey != null && MessageDigest.isEqual(adminKey, digest)) {
      return null;
    }
    return matchesJobKey(digest) ? "key:" + java.util.HexFormat.of().formatHex(digest, 0, 8) : null;
  }

  /**
   * Returns the owner of the jobs a request with {@code key} creates: its tenant, or {@link
   * #ADMIN_OWNER} for the admin key while job keys are in use (so that no tenant sees them); null
   * without job keys.
   */
  String owner(String key) {
    String tenant = tenant(key);
    return tenant != null || jobKeys.isEmpty() || key == null ? tenant : ADMIN_OWNER;
  }

  /** Compares with every key, so the time taken does not depend on where or whether one matches. */
  private boolean matchesJobKey(byte[] digest) {
    if (digest == null) {
      return false;
    }
    boolean ok = false;
    for (byte[] key : jobKeys) {
      ok |= MessageDigest.isEqual(key, digest);
    }
    return ok;
  }

  private static ProblemException forbidden(String detail) {
    return new ProblemException(403, "forbidden", "Forbidden", detail, Map.of());
  }

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(401, "unauthorized", "Unauthorized", detail,
        Map.of("WWW-Authenticate", "ApiKey header=\"" + Protocol.API_KEY_HEADER + "\""));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
