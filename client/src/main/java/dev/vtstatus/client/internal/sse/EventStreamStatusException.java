package dev.vtstatus.client.internal.sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The server answered an event-stream request with a status other than 2xx.
 *
 * <p>Immutable and thread-safe.
 */
public final class EventStreamStatusException extends IOException {
  private static final int MAX_BODY_IN_MESSAGE = 500;

  private final int statusCode;
  private final String body;
  private final transient Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param statusCode the HTTP status of the answer
   * @param body the answer's body (usually problem+json), possibly empty
   * @param retryAfter the answer's {@code Retry-After}, or null
   */
  public EventStreamStatusException(int statusCode, String body, Duration retryAfter) {
    super(message(statusCode, body));
    this.statusCode = statusCode;
    this.body = body == null ? "" : body;
    this.retryAfter = retryAfter;
  }

  private static String message(int statusCode, String body) {
    String text = body == null ? "" : body.strip();
    try {
      JsonNode problem = text.startsWith("{") ? Json.mapper().readTree(text) : null;
      if (problem != null && problem.hasNonNull("detail")) {
        text = problem.get("detail").asText();
      }
    } catch (JsonProcessingException notJson) {
      // shown as it came, shortened below
    }
    if (text.length() > MAX_BODY_IN_MESSAGE) {
      text = text.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
    return "event stream answered HTTP " + statusCode + (text.isEmpty() ? "" : ": " + text);
  }

  /** Returns the HTTP status of the answer. */
  public int statusCode() {
    return statusCode;
  }

  /** Returns the answer's body, empty if it had none. */
  public String body() {
    return body;
  }

  /** Returns the answer's {@code Retry-After}, if it had one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Returns whether retrying cannot help: a 4xx other than 408 (timeout) and 429 (rate limited),
   * such as a wrong API key or a server without the route.
   */
  public boolean isPermanent() {
    return statusCode >= 400 && statusCode < 500 && statusCode != 408 && statusCode != 429;
  }
}
