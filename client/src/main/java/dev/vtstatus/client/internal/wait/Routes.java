package dev.vtstatus.client.internal.wait;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

/** Builds the URIs of both protocols from the base URL. Immutable and thread-safe. */
public record Routes(URI base) {

  private URI at(String pathAndQuery) {
    return URI.create(base.toString() + pathAndQuery);
  }

  static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code POST /v1/jobs}. */
  public URI jobs() {
    return at("/v1/jobs");
  }

  /** {@code GET|DELETE /v1/jobs/{id}}. */
  public URI job(String id) {
    return at("/v1/jobs/" + segment(id));
  }

  /** {@code GET /v1/jobs?ids=a,b,c}. */
  public URI batch(Collection<String> ids) {
    return at("/v1/jobs?ids=" + ids.stream().map(Routes::segment).collect(Collectors.joining(",")));
  }

  /** {@code GET /v1/capabilities}. */
  public URI capabilities() {
    return at("/v1/capabilities");
  }

  /** {@code GET /v1/events}. */
  public URI events() {
    return at("/v1/events");
  }

  /** {@code POST /job} (seed protocol). */
  public URI seedCreate() {
    return at("/job");
  }

  /** {@code POST /jobs} (a seed-protocol dialect). */
  public URI seedCreateJobs() {
    return at("/jobs");
  }

  /** {@code GET /status?job_id=id} (a seed-protocol dialect). */
  public URI seedStatusByQuery(String id) {
    return at("/status?job_id=" + segment(id));
  }

  /** {@code GET /status/{id}} (seed protocol); for an empty id, {@code GET /status}: the default job. */
  public URI seedStatus(String id) {
    return id.isEmpty() ? at("/status") : at("/status/" + segment(id));
  }

  /** Returns {@code uri} with {@code wait=S} added, S in seconds with millisecond precision. */
  public static URI withWait(URI uri, Duration wait) {
    long millis = Math.max(0, wait.toMillis());
    String seconds = millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    String s = uri.toString();
    return URI.create(s + (s.contains("?") ? "&" : "?") + "wait=" + seconds);
  }
}
