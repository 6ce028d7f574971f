package dev.vtstatus.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.server.internal.store.CreateRequest;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;

/**
 * Reads and checks a create body. Every field is optional; unknown top-level fields are ignored
 * (so newer clients work with this server), but unknown fields inside {@code simulate} are an
 * error, because a mistyped test instruction should not pass silently. Each error names the field.
 * Thread-safe.
 */
final class CreateRequestParser {
  static final int MAX_STRING_LENGTH = 2048;

  /** A checked request, the body it came from (for idempotency comparisons) and that body's size in bytes. */
  record Parsed(CreateRequest request, JsonNode body, int bodyBytes) {
    /** Returns this with the checked address of the callback. */
    Parsed withCallbackAddress(String address) {
      return new Parsed(request.withCallbackAddress(address), body, bodyBytes);
    }
  }

  /** Reads one JSON value and nothing after it: {@code {}x} and {@code {}{}} are malformed. */
  private static final ObjectReader STRICT =
      Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private CreateRequestParser() {}

  /**
   * Parses a create body.
   *
   * @param contentType the request's {@code Content-Type}, or null
   * @param maxDuration the longest {@code simulate.duration_ms} allowed
   * @throws ProblemException 400 or 415 naming what is wrong
   */
  static Parsed parse(String contentType, Buffer body, Duration maxDuration) {
    JsonNode root = jsonObject(contentType, body);
    if (root == null) {
      return new Parsed(CreateRequest.EMPTY, JsonNodeFactory.instance.objectNode(), 0);
    }
    String callback = text(root, "callback_url");
    CreateRequest request = new CreateRequest(
        text(root, "source_language"),
        text(root, "target_language"),
        text(root, "video_url"),
        callback == null ? null : callbackUri(callback),
        null,
        metadata(root),
        null,
        null);
    JsonNode simulate = root.get("simulate");
    if (simulate != null && !simulate.isNull()) {
      request = withSimulation(request, simulate, maxDuration);
    }
    return new Parsed(request, root, body.length());
  }

  /**
   * Reads a request body that must be a JSON object; null when the body is empty or blank.
   *
   * @param contentType the request's {@code Content-Type}, or null (read as JSON)
   * @throws ProblemException 415 for a non-JSON content type, 400 for malformed JSON or a non-object
   */
  static JsonNode jsonObject(String contentType, Buffer body) {
    if (body == null || body.length() == 0 || body.toString().isBlank()) {
      return null;
    }
    if (contentType != null && !isJson(contentType)) {
      throw ProblemException.unsupportedMediaType(
          "the body must be application/json, was '" + contentType + "'");
    }
    JsonNode root;
    try {
      root = STRICT.readTree(body.getBytes());
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw ProblemException.badRequest("malformed JSON" + where + ": " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw ProblemException.badRequest("malformed JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw ProblemException.badRequest("the body must be a JSON object");
    }
    return root;
  }

  private static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ProblemException.badRequest("field '" + field + "' must be a string");
    }
    if (node.textValue().length() > MAX_STRING_LENGTH) {
      throw ProblemException.badRequest(
          "field '" + field + "' is longer than " + MAX_STRING_LENGTH + " characters");
    }
    return node.textValue();
  }

  private static URI callbackUri(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw ProblemException.badRequest("field 'callback_url' must be an absolute http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw ProblemException.badRequest("field 'callback_url' is not a URL: " + e.getReason());
    }
  }

  /** Returns the metadata as compact JSON text: the one copy of it a job keeps. */
  private static String metadata(JsonNode root) {
    JsonNode node = root.get("metadata");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw ProblemException.badRequest("field 'metadata' must be an object");
    }
    try {
      return Json.mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write parsed metadata back", e);
    }
  }

  private static CreateRequest withSimulation(CreateRequest r, JsonNode simulate, Duration maxDuration) {
    if (!simulate.isObject()) {
      throw ProblemException.badRequest("field 'simulate' must be an object");
    }
    for (Iterator<String> names = simulate.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("duration_ms") && !name.equals("outcome")) {
        throw ProblemException.badRequest(
            "unknown field 'simulate." + name + "' (expected duration_ms or outcome)");
      }
    }
    Duration duration = null;
    JsonNode d = simulate.get("duration_ms");
    if (d != null && !d.isNull()) {
      if (!d.isIntegralNumber() || !d.canConvertToLong()
          || d.longValue() < 0 || d.longValue() > maxDuration.toMillis()) {
        throw ProblemException.badRequest("field 'simulate.duration_ms' must be an integer from 0 to "
            + maxDuration.toMillis() + " (the server's limit, max_simulated_duration)");
      }
      duration = Duration.ofMillis(d.longValue());
    }
    JobStatus outcome = null;
    JsonNode o = simulate.get("outcome");
    if (o != null && !o.isNull()) {
      if (!o.isTextual() || !(o.textValue().equals("completed") || o.textValue().equals("error"))) {
        throw ProblemException.badRequest("field 'simulate.outcome' must be \"completed\" or \"error\"");
      }
      outcome = JobStatus.fromWire(o.textValue());
    }
    return new CreateRequest(r.sourceLanguage(), r.targetLanguage(), r.videoUrl(), r.callbackUrl(),
        r.callbackAddress(), r.metadataJson(), duration, outcome);
  }
}
