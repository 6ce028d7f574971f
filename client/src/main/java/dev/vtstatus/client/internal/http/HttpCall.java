package dev.vtstatus.client.internal.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP request as the client sees it.
 *
 * @param method GET, POST or DELETE
 * @param uri the full URI
 * @param headers header name to value
 * @param body the JSON body, or null for none
 * @param timeout the longest the request may take
 * @param held whether the server holds the request on purpose (a long poll), so it is not counted
 *     against the transport's limit of requests in flight
 */
public record HttpCall(
    String method, URI uri, Map<String, String> headers, String body, Duration timeout, boolean held) {

  /** Copies the headers. */
  public HttpCall {
    headers = Map.copyOf(headers);
  }

  /** Creates a call the server answers at once. */
  public HttpCall(String method, URI uri, Map<String, String> headers, String body, Duration timeout) {
    this(method, uri, headers, body, timeout, false);
  }
}
