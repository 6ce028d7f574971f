package dev.vtstatus.client.internal.wait;

import dev.vtstatus.protocol.Route;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Builds the URIs of both protocols from the base URL and the protocol's {@link Route} table.
 * Immutable and thread-safe.
 */
public record Routes(URI base) {

  private URI at(String pathAndQuery) {
    return URI.create(base.toString() + pathAndQuery);
  }

  static String segment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code POST /v1/jobs}. */
  public URI jobs() {
    return at(Route.CREATE.path());
  }

  /** {@code GET|DELETE /v1/jobs/{id}}. */
  public URI job(String id) {
    return at(Route.JOB.path(segment(id)));
  }

  /** {@code GET /v1/jobs?ids=a,b,c}. */
  public URI batch(Collection<String> ids) {
    return at(Route.BATCH.path() + "?ids=" + ids.stream().map(Routes::segment).collect(Collectors.joining(",")));
  }

  /** {@code GET /v1/capabilities}. */
  public URI capabilities() {
    return at(Route.CAPABILITIES.path());
  }

  /** {@code GET /v1/events}. */
  public URI events() {
    return at(Route.EVENTS.path());
  }

  /** {@code POST /job} (seed protocol). */
  public URI seedCreate() {
    return at(Route.SEED_CREATE.path());
  }

  /** {@code POST /jobs} (a seed-protocol dialect). */
  public URI seedCreateJobs() {
    return at(Route.SEED_CREATE_JOBS.path());
  }

  /** {@code GET /status?job_id=id} (a seed-protocol dialect). */
  public URI seedStatusByQuery(String id) {
    return at(Route.SEED_STATUS_BY_QUERY.path() + "?job_id=" + segment(id));
  }

  /** {@code GET /status/{id}} (seed protocol); for an empty id, {@code GET /status}: the default job. */
  public URI seedStatus(String id) {
    return id.isEmpty() ? at(Route.SEED_STATUS_BY_QUERY.path()) : at(Route.SEED_STATUS.path(segment(id)));
  }

  /** Returns {@code uri} with {@code wait=S} added, S in seconds with millisecond precision. */
  public static URI withWait(URI uri, Duration wait) {
    long millis = Math.max(0, wait.toMillis());
    String seconds = millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.3f", millis / 1000.0);
    String s = uri.toString();
    return URI.create(s + (s.contains("?") ? "&" : "?") + "wait=" + seconds);
  }
}
