package dev.vtstatus.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks webhook bodies the Standard Webhooks way: {@code v1,} then the base64
 * HMAC-SHA256 of {@code "{id}.{timestamp}.{body}"}, keyed with the secret after its {@code whsec_}
 * prefix (base64). The server signs with it; the client's verifier checks with it.
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookSignature {
  /** The prefix of a secret. */
  public static final String SECRET_PREFIX = "whsec_";
  /** The prefix of a version 1 signature. */
  public static final String VERSION_PREFIX = "v1,";

  private final byte[] key;

  private WebhookSignature(byte[] key) {
    this.key = key;
  }

  /**
   * Returns a signer for a secret such as {@code whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}.
   *
   * @throws IllegalArgumentException when the secret is not {@code whsec_} and base64
   */
  public static WebhookSignature forSecret(String secret) {
    Objects.requireNonNull(secret, "secret");
    String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    try {
      byte[] key = Base64.getDecoder().decode(encoded);
      if (key.length == 0) {
        throw new IllegalArgumentException("webhook secret is empty");
      }
      return new WebhookSignature(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "webhook secret must be 'whsec_' followed by base64: " + e.getMessage(), e);
    }
  }

  /** Makes a new random secret in {@code whsec_} form. */
  public static String newSecret() {
    byte[] key = new byte[24];
    new java.security.SecureRandom().nextBytes(key);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** Returns the {@code v1,<base64>} signature of a message. */
  public String sign(String id, long timestampSeconds, String body) {
    return VERSION_PREFIX + Base64.getEncoder().encodeToString(mac(id, timestampSeconds, body));
  }

  /**
   * Returns whether any {@code v1} entry of a space-separated signature header matches, compared in
   * constant time.
   */
  public boolean matches(String id, long timestampSeconds, String body, String signatureHeader) {
    if (signatureHeader == null) {
      return false;
    }
    byte[] expected = mac(id, timestampSeconds, body);
    boolean found = false;
    for (String entry : signatureHeader.trim().split(" +")) {
      if (!entry.startsWith(VERSION_PREFIX)) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(entry.substring(VERSION_PREFIX.length()));
      } catch (IllegalArgumentException e) {
        continue;
      }
      found |= MessageDigest.isEqual(expected, given);
    }
    return found;
  }

  private byte[] mac(String id, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String content = id + "." + timestampSeconds + "." + body;
      return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
