package dev.vtstatus.protocol;

/**
 * Every route of the wire protocol (docs/PROTOCOL.md): its method and its path template, the one
 * place the paths are written. The server mounts its handlers from these and the client builds its
 * requests from them.
 *
 * <p>A template segment that starts with {@code :} is a parameter ({@code /v1/jobs/:id}); the
 * template is also the {@code route} label of the server's metrics and the name of its request
 * spans. Immutable and thread-safe.
 *
 * <pre>{@code
 * URI job = URI.create(base + Route.JOB.path(encodedId));   // /v1/jobs/{id}
 * }</pre>
 */
public enum Route {
  /** {@code GET /healthz}: the server listens. */
  HEALTH("GET", "/healthz"),
  /** {@code POST /job}: seed-protocol create. */
  SEED_CREATE("POST", "/job"),
  /** {@code POST /jobs}: seed-protocol create, as some seed servers spell it. */
  SEED_CREATE_JOBS("POST", "/jobs"),
  /** {@code GET /status/{id}}: seed-protocol status of one job. */
  SEED_STATUS("GET", "/status/:id"),
  /** {@code GET /status}, {@code GET /status?job_id=...}: seed-protocol status by query, or of the default job. */
  SEED_STATUS_BY_QUERY("GET", "/status"),
  /** {@code GET /metrics}: Prometheus text. */
  METRICS("GET", "/metrics"),
  /** {@code HEAD /metrics}: the headers of {@link #METRICS}. */
  METRICS_HEAD("HEAD", "/metrics"),
  /** {@code GET /}: the dashboard page. */
  DASHBOARD("GET", "/"),
  /** {@code GET /v1/capabilities}: the features the server offers. */
  CAPABILITIES("GET", "/v1/capabilities"),
  /** {@code POST /v1/jobs}: create. */
  CREATE("POST", "/v1/jobs"),
  /** {@code GET /v1/jobs?ids=a,b,c[&wait=S]}: batch read or batch long poll. */
  BATCH("GET", "/v1/jobs"),
  /** {@code GET /v1/jobs/{id}[?wait=S]}: read or long poll one job. */
  JOB("GET", "/v1/jobs/:id"),
  /** {@code DELETE /v1/jobs/{id}}: cancel. */
  CANCEL("DELETE", "/v1/jobs/:id"),
  /** {@code GET /v1/jobs/{id}/events}: one job's event stream. */
  JOB_EVENTS("GET", "/v1/jobs/:id/events"),
  /** {@code GET /v1/events[?ids=...]}: every job's event stream. */
  EVENTS("GET", "/v1/events"),
  /** {@code GET /openapi.yaml}: the contract as an OpenAPI document. */
  OPENAPI("GET", "/openapi.yaml"),
  /** {@code GET /admin/jobs[?status=S&limit=N]}: the held jobs, newest first. */
  ADMIN_JOBS("GET", "/admin/jobs"),
  /** {@code POST /admin/jobs/{id}/complete}: force a completion. */
  ADMIN_COMPLETE("POST", "/admin/jobs/:id/complete"),
  /** {@code POST /admin/jobs/{id}/fail}: force a failure. */
  ADMIN_FAIL("POST", "/admin/jobs/:id/fail"),
  /** {@code GET /admin/faults}: the faults in force. */
  ADMIN_FAULTS("GET", "/admin/faults"),
  /** {@code PUT /admin/faults}: change the faults in force. */
  ADMIN_SET_FAULTS("PUT", "/admin/faults"),
  /** {@code GET /admin/stats}: the server's counters. */
  ADMIN_STATS("GET", "/admin/stats"),
  /** {@code POST /admin/reset}: forget every client job. */
  ADMIN_RESET("POST", "/admin/reset");

  /** The path prefix of every admin route. */
  public static final String ADMIN_PREFIX = "/admin/";

  private final String method;
  private final String template;

  Route(String method, String template) {
    this.method = method;
    this.template = template;
  }

  /** Returns the HTTP method, upper case ({@code GET}). */
  public String method() {
    return method;
  }

  /** Returns the path template, e.g. {@code /v1/jobs/:id}. */
  public String template() {
    return template;
  }

  /** Returns whether this is one of the admin routes, under {@link #ADMIN_PREFIX}. */
  public boolean admin() {
    return template.startsWith(ADMIN_PREFIX);
  }

  /**
   * Returns the path with each parameter segment replaced by the next of {@code values}, in order;
   * the values are used as given, so a caller escapes them first.
   *
   * @throws IllegalArgumentException when the number of values is not the number of parameters
   */
  public String path(String... values) {
    String[] segments = template.split("/", -1);
    int used = 0;
    StringBuilder path = new StringBuilder(template.length() + 40);
    for (int i = 1; i < segments.length; i++) {
      path.append('/');
      if (segments[i].startsWith(":")) {
        if (used == values.length) {
          throw new IllegalArgumentException(template + " takes more than " + values.length + " values");
        }
        path.append(values[used++]);
      } else {
        path.append(segments[i]);
      }
    }
    if (used != values.length) {
      throw new IllegalArgumentException(template + " takes " + used + " values, was given " + values.length);
    }
    return path.toString();
  }
}
