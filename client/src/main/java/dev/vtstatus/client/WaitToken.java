package dev.vtstatus.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtstatus.protocol.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * A wait turned into a small piece of text, to be resumed later, in another process, with the
 * budget that was left: the job, the server, the wait's absolute deadline, and what the client
 * knew of the job (when it was created, when it was last seen pending, its last status), so a
 * schedule keyed to the job's age carries on where it was.
 *
 * <p>Get one from {@link VideoTranslationClient#waitToken(String)} while a wait runs, or from
 * {@link WaitTimeoutException#token()}; resume it with {@link
 * VideoTranslationClient#resumeWait(WaitToken)}. Its text ({@link #toString()}) is {@code vt1.}
 * followed by base64url JSON, safe in a shell argument. Immutable and thread-safe.
 *
 * <pre>{@code
 * String saved = client.waitToken(jobId).toString();        // before the process ends
 * Job done = other.resumeWait(WaitToken.parse(saved));      // later, elsewhere: same deadline
 * }</pre>
 *
 * @param jobId the job waited for
 * @param server the base URL of the server that holds it
 * @param deadline when the wait times out, whatever process carries it on
 * @param createdAt when the job was created, or null when unknown
 * @param lastPendingAt when the job was last seen pending, or null
 * @param lastStatus the last status seen, by its wire name, or null
 */
public record WaitToken(
    String jobId, URI server, Instant deadline, Instant createdAt, Instant lastPendingAt, String lastStatus) {
  private static final String PREFIX = "vt1.";
  private static final ObjectMapper MAPPER = Json.mapper();

  /** Checks the required parts. */
  public WaitToken {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(deadline, "deadline");
  }

  /**
   * Reads a token's text.
   *
   * @throws IllegalArgumentException saying what is wrong when the text is not a token
   */
  public static WaitToken parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a vtstatus wait token (they begin with '" + PREFIX + "')");
    }
    JsonNode node;
    try {
      byte[] json = Base64.getUrlDecoder().decode(text.substring(PREFIX.length()).trim());
      node = MAPPER.readTree(json);
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new IllegalArgumentException("not a vtstatus wait token: its text is damaged", e);
    }
    if (node == null || !node.isObject() || !node.hasNonNull("job") || !node.hasNonNull("server")
        || !node.hasNonNull("deadline")) {
      throw new IllegalArgumentException("not a vtstatus wait token: it lacks the job, server or deadline");
    }
    try {
      return new WaitToken(node.get("job").asText(), URI.create(node.get("server").asText()),
          Instant.parse(node.get("deadline").asText()), instant(node, "created_at"),
          instant(node, "last_pending_at"), node.hasNonNull("status") ? node.get("status").asText() : null);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a vtstatus wait token: " + e.getMessage(), e);
    }
  }

  private static Instant instant(JsonNode node, String field) {
    return node.hasNonNull(field) ? Instant.parse(node.get(field).asText()) : null;
  }

  /** Returns the budget left at {@code clock}'s now: zero once the deadline has passed. */
  public Duration remaining(Clock clock) {
    Duration left = Duration.between(clock.instant(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Returns the token's text: {@code vt1.} and base64url JSON without padding. */
  @Override
  public String toString() {
    ObjectNode node = MAPPER.createObjectNode()
        .put("job", jobId)
        .put("server", server.toString())
        .put("deadline", deadline.toString());
    if (createdAt != null) {
      node.put("created_at", createdAt.toString());
    }
    if (lastPendingAt != null) {
      node.put("last_pending_at", lastPendingAt.toString());
    }
    if (lastStatus != null) {
      node.put("status", lastStatus);
    }
    try {
      return PREFIX + Base64.getUrlEncoder().withoutPadding()
          .encodeToString(MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a token always writes", e);
    }
  }
}
