package dev.vtstatus.server.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vtstatus.protocol.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 digest of a create body in a canonical form (object keys sorted), so that an
 * idempotency record keeps 64 characters rather than a copy of the body, and two bodies that are
 * equal as parsed JSON (whitespace and key order aside) have the same digest. Thread-safe.
 */
public final class BodyDigest {
  private static final ObjectWriter CANONICAL =
      Json.mapper().writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private BodyDigest() {}

  /** Returns the hex digest of {@code body}. */
  public static String of(JsonNode body) {
    try {
      Object plain = Json.mapper().treeToValue(body, Object.class);
      byte[] canonical = CANONICAL.writeValueAsBytes(plain);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a parsed body back", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
