package dev.vtstatus.server.internal.http;

import java.util.Map;

/**
 * A failure that becomes a problem+json answer (RFC 9457); thrown by handlers and turned into the
 * answer in one place, {@link Problems}.
 */
final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String slug;
  final String title;
  final transient Map<String, String> headers;
  final transient Object body;

  ProblemException(int status, String slug, String title, String detail, Map<String, String> headers) {
    this(status, slug, title, detail, headers, null);
  }

  /** A problem whose answer body is {@code body} rather than problem details (e.g. 409 + job). */
  ProblemException(
      int status, String slug, String title, String detail, Map<String, String> headers, Object body) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.headers = headers;
    this.body = body;
  }

  static ProblemException badRequest(String detail) {
    return new ProblemException(400, "bad-request", "Bad request", detail, Map.of());
  }

  static ProblemException notFound(String detail) {
    return new ProblemException(404, "not-found", "Not found", detail, Map.of());
  }

  static ProblemException unsupportedMediaType(String detail) {
    return new ProblemException(415, "unsupported-media-type", "Unsupported media type", detail, Map.of());
  }

  static ProblemException unavailable(String detail, long retryAfterSeconds) {
    return new ProblemException(503, "unavailable", "Service unavailable", detail,
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }
}
