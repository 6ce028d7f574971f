package dev.vtstatus.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks HTTP answers against {@code docs/openapi.yaml}, the copy the server serves: the path and
 * method must be documented (or the answer must be a problem), the status must be listed (or
 * covered by {@code 4XX} / {@code default}), the content type must be one the response declares,
 * required headers must be there, and a JSON body must match its schema, read with the OpenAPI 3.1
 * dialect of a maintained JSON Schema validator. {@link TestHttp} checks every answer with it.
 * Thread-safe.
 */
final class OpenApiContract {
  static final String RESOURCE = "dev/vtstatus/server/openapi.yaml";
  private static final String COMPONENT_SCHEMA = "#/components/schemas/";
  private static final OpenApiContract DOCUMENT = new OpenApiContract();

  private record PathTemplate(String template, Pattern pattern) {}

  private final JsonNode document;
  private final List<PathTemplate> paths = new ArrayList<>();
  private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi31());
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private OpenApiContract() {
    try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      document = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Iterator<String> it = document.get("paths").fieldNames(); it.hasNext(); ) {
      String template = it.next();
      String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      paths.add(new PathTemplate(template, Pattern.compile(regex)));
    }
  }

  /** Returns the document's contract. */
  static OpenApiContract document() {
    return DOCUMENT;
  }

  /**
   * Checks one answer.
   *
   * @throws AssertionError naming the request, the answer and every mismatch
   */
  void check(String method, String path, int status, HttpHeaders headers, String body) {
    List<String> problems = mismatches(method, path, status, headers, body);
    if (!problems.isEmpty()) {
      throw new AssertionError("answer to " + method + " " + path + " (HTTP " + status + ") does not match "
          + "docs/openapi.yaml: " + String.join("; ", problems) + "; body: " + excerpt(body));
    }
  }

  /** Checks a JSON value against a schema of {@code components/schemas}; returns the mismatches. */
  List<String> validate(String componentSchema, String json) {
    List<String> problems = new ArrayList<>();
    for (Error error : schema(COMPONENT_SCHEMA + componentSchema).validate(json, InputFormat.JSON)) {
      problems.add(error.toString());
    }
    return problems;
  }

  /**
   * Checks one webhook delivery against {@code webhooks.jobEnded}: its required headers (and their
   * patterns) and its JSON body; returns the mismatches.
   */
  List<String> checkWebhook(Map<String, List<String>> headers, String body) {
    List<String> problems = new ArrayList<>();
    Map<String, String> lower = new HashMap<>();
    headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
    JsonNode post = document.at("/webhooks/jobEnded/post");
    for (JsonNode parameter : post.path("parameters")) {
      String name = parameter.get("name").asText().toLowerCase(Locale.ROOT);
      String value = lower.get(name);
      if (value == null) {
        if (parameter.path("required").asBoolean(false)) {
          problems.add("required header " + name + " is missing");
        }
      } else if (parameter.at("/schema/pattern").isTextual()
          && !Pattern.compile(parameter.at("/schema/pattern").asText()).matcher(value).find()) {
        problems.add("header " + name + " '" + value + "' does not match " + parameter.at("/schema/pattern").asText());
      }
    }
    problems.addAll(validate(schemaName(post.at("/requestBody/content/application~1json/schema")), body));
    return problems;
  }

  private List<String> mismatches(String method, String path, int status, HttpHeaders headers, String body) {
    String contentType = headers.firstValue("Content-Type").map(OpenApiContract::mediaType).orElse(null);
    JsonNode operation = operation(method, path);
    if (operation == null) {
      if (status < 400) {
        return List.of(method + " " + path + " is not documented but answered " + status);
      }
      return problemOnly(contentType, body);
    }
    JsonNode response = response(operation, status);
    if (response == null) {
      return List.of("status " + status + " is not documented for this operation");
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> header : response.path("headers").properties()) {
      if (resolve(header.getValue()).path("required").asBoolean(false)
          && headers.firstValue(header.getKey()).isEmpty()) {
        problems.add("required header " + header.getKey() + " is missing");
      }
    }
    JsonNode content = response.get("content");
    if (content == null) {
      if (!body.isEmpty()) {
        problems.add("the response declares no body but one was sent");
      }
      return problems;
    }
    if (contentType == null || !content.has(contentType)) {
      problems.add("content type " + contentType + " is not one of " + names(content));
      return problems;
    }
    if (contentType.endsWith("json")) {
      problems.addAll(validate(schemaName(content.get(contentType).get("schema")), body));
    }
    return problems;
  }

  private List<String> problemOnly(String contentType, String body) {
    if (!"application/problem+json".equals(contentType)) {
      return List.of("an undocumented route must answer problem+json, not " + contentType);
    }
    return validate("Problem", body);
  }

  private JsonNode operation(String method, String path) {
    for (PathTemplate template : paths) {
      if (template.pattern().matcher(path).matches()) {
        JsonNode operation = document.get("paths").get(template.template()).get(method.toLowerCase(Locale.ROOT));
        if (operation != null) {
          return operation;
        }
      }
    }
    return null;
  }

  private JsonNode response(JsonNode operation, int status) {
    JsonNode responses = operation.get("responses");
    for (String key : List.of(Integer.toString(status), status / 100 + "XX", "default")) {
      if (responses.has(key)) {
        return resolve(responses.get(key));
      }
    }
    return null;
  }

  private JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref == null ? node : document.at(ref.asText().substring(1));
  }

  private static String schemaName(JsonNode schema) {
    String ref = schema == null ? null : schema.path("$ref").asText(null);
    if (ref == null || !ref.startsWith(COMPONENT_SCHEMA)) {
      throw new AssertionError("docs/openapi.yaml: keep JSON response schemas in components/schemas, found " + schema);
    }
    return ref.substring(COMPONENT_SCHEMA.length());
  }

  private Schema schema(String pointer) {
    return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of("classpath:" + RESOURCE + p)));
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static List<String> names(JsonNode content) {
    List<String> names = new ArrayList<>();
    content.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String excerpt(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "...";
  }
}
