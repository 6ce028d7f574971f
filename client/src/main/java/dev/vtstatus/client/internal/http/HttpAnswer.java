package dev.vtstatus.client.internal.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP answer: status, headers (names compared case-insensitively) and body text.
 *
 * @param status the status code
 * @param headers header name to values
 * @param body the body text, empty when none
 */
public record HttpAnswer(int status, Map<String, List<String>> headers, String body) {

  /** Copies the headers into a case-insensitive map. */
  public HttpAnswer {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    headers = copy;
    body = body == null ? "" : body;
  }

  /** Returns an answer with one header per name. */
  public static HttpAnswer of(int status, Map<String, String> headers, String body) {
    TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> map.put(k, List.of(v)));
    return new HttpAnswer(status, map, body);
  }

  /** Returns the first value of a header. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Returns whether the answer's content type is JSON or problem+json. */
  public boolean isJson() {
    return header("Content-Type").map(v -> v.toLowerCase(Locale.ROOT).contains("json")).orElse(false);
  }
}
