package dev.vtstatus.server;

import dev.vtstatus.protocol.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The version 1 job routes: create, read (with long poll), batch read and cancel. One instance per
 * event loop; its parked long polls live in that loop's {@link ParkedRequests}.
 */
final class JobRoutes {
  static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
  private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized(Protocol.RETRY_AFTER_HEADER);
  private static final Pattern PREFER_WAIT =
      Pattern.compile("(?:^|[,;\\s])wait\\s*=\\s*\"?([0-9]+(?:\\.[0-9]+)?)\"?", Pattern.CASE_INSENSITIVE);

  private final Vertx vertx;
  private final JobEngine engine;
  private final ServerMetrics metrics;
  private final ParkedRequests parked;
  private final Duration maxWait;

  JobRoutes(Vertx vertx, JobEngine engine, ServerMetrics metrics, ParkedRequests parked, Duration maxWait) {
    this.vertx = vertx;
    this.engine = engine;
    this.metrics = metrics;
    this.parked = parked;
    this.maxWait = maxWait;
  }

  /** {@code POST /v1/jobs}. */
  void create(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String key = request.getHeader(Protocol.IDEMPOTENCY_KEY_HEADER);
    if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      throw ProblemException.badRequest("header '" + Protocol.IDEMPOTENCY_KEY_HEADER
          + "' must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
    }
    CreateRequestParser.Parsed parsed =
        CreateRequestParser.parse(request.getHeader("Content-Type"), ctx.body().buffer());
    JobStore.Added added = create(parsed, key, request.getHeader(Protocol.TRACEPARENT_HEADER));
    SimulatedJob job = added.job();
    ctx.response().putHeader("Location", "/v1/jobs/" + job.id);
    answerJob(ctx.response(), added.created() ? 201 : 200, job);
  }

  /** Creates through the engine, mapping store failures to problems. */
  JobStore.Added create(CreateRequestParser.Parsed parsed, String key, String traceparent) {
    try {
      return engine.create(parsed.request(), parsed.body(), key, Traces.traceId(traceparent));
    } catch (JobStore.ConflictException e) {
      throw new ProblemException(409, "idempotency-conflict", "Conflict",
          "Idempotency-Key '" + key + "' was used before with a different body (job "
              + e.existing.id + ")", Map.of());
    } catch (JobStore.FullException e) {
      throw ProblemException.unavailable(e.getMessage(), 1);
    }
  }

  /** {@code GET /v1/jobs/{id}}, with {@code ?wait=S} or {@code Prefer: wait=S} for a long poll. */
  void get(RoutingContext ctx) {
    SimulatedJob job = find(ctx.pathParam("id"));
    HttpServerRequest request = ctx.request();
    Duration wait = Duration.ZERO;
    String query = request.getParam("wait");
    if (query != null) {
      wait = parseWait(query);
    } else {
      String prefer = request.getHeader(Protocol.PREFER_HEADER);
      if (prefer != null) {
        var m = PREFER_WAIT.matcher(prefer);
        if (m.find()) {
          wait = min(parseWait(m.group(1)), maxWait);
          ctx.response().putHeader(Protocol.PREFERENCE_APPLIED_HEADER, "wait=" + seconds(wait));
        }
      }
    }
    wait = min(wait, maxWait);
    HttpServerResponse response = ctx.response();
    if (wait.isZero() || job.status(engine.now()).isTerminal()) {
      answerJob(response, 200, job);
      return;
    }
    LongPoll poll = new LongPoll(vertx, vertx.getOrCreateContext(), job, parked, metrics,
        () -> answerJob(response, 200, job));
    if (poll.park(wait)) {
      response.closeHandler(v -> poll.closed());
    } else {
      answerJob(response, 200, job);
    }
  }

  /** {@code GET /v1/jobs?ids=a,b,c}: malformed ids are reported in {@code not_found}. */
  void batch(RoutingContext ctx) {
    Set<String> ids = parseIds(ctx.request().getParam("ids"), true);
    Buffer body = Buffer.buffer(256 + ids.size() * 512).appendString("{\"jobs\":[");
    List<String> notFound = new ArrayList<>();
    boolean first = true;
    for (String id : ids) {
      SimulatedJob job = isJobId(id) ? engine.store().get(id) : null;
      if (job == null) {
        notFound.add(id);
      } else {
        body.appendString(first ? "" : ",").appendBytes(engine.view(job).json());
        first = false;
      }
    }
    body.appendString("],\"not_found\":").appendString(JobEngine.json(notFound)).appendString("}");
    Answers.json(ctx.response(), 200, body, Traces.traceId(ctx.request().getHeader(Protocol.TRACEPARENT_HEADER)));
  }

  /** {@code DELETE /v1/jobs/{id}}: 202 when canceled, 409 with the job when it had ended. */
  void cancel(RoutingContext ctx) {
    SimulatedJob job = find(ctx.pathParam("id"));
    boolean canceled = engine.cancel(job);
    answerJob(ctx.response(), canceled ? 202 : 409, job);
  }

  /** Returns the job, or throws 400 for a malformed id and 404 for an unknown one. */
  SimulatedJob find(String id) {
    if (id == null || !isJobId(id)) {
      String shown = id == null ? "" : id.length() > 64 ? id.substring(0, 64) + "..." : id;
      throw ProblemException.badRequest("'" + shown + "' is not a job id (expected a lowercase UUID)");
    }
    SimulatedJob job = engine.store().get(id);
    if (job == null) {
      throw ProblemException.notFound("no job '" + id + "' (never created, or evicted)");
    }
    return job;
  }

  /** Parses a comma-separated id list of at most {@link Protocol#MAX_BATCH} entries. */
  static Set<String> parseIds(String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        throw ProblemException.badRequest("query parameter 'ids' is required, e.g. ?ids=a,b");
      }
      return null;
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        ids.add(part.trim());
      }
    }
    if (ids.size() > Protocol.MAX_BATCH) {
      throw ProblemException.badRequest(
          "query parameter 'ids' names " + ids.size() + " jobs; at most " + Protocol.MAX_BATCH);
    }
    return ids;
  }

  private void answerJob(HttpServerResponse response, int status, SimulatedJob job) {
    JobRenderer.Rendered view = engine.view(job);
    if (view.pollAfterMillis() >= 0) {
      response.putHeader(RETRY_AFTER, JobRenderer.retryAfterSeconds(view.pollAfterMillis()));
    }
    Answers.json(response, status, Buffer.buffer(view.json()), job.traceId);
  }

  /** Returns whether {@code id} has the form of a job id: a lowercase canonical UUID. */
  static boolean isJobId(String id) {
    if (id.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = id.charAt(i);
      boolean ok = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-'
          : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Parses seconds, decimals allowed; values beyond any cap are cut to a billion seconds. */
  private static Duration parseWait(String value) {
    try {
      double seconds = Double.parseDouble(value.trim());
      if (seconds >= 0 && !Double.isNaN(seconds)) {
        return Duration.ofNanos((long) (Math.min(seconds, 1e9) * 1e9));
      }
    } catch (NumberFormatException e) {
      // not a number: reported below like a negative one
    }
    throw ProblemException.badRequest("query parameter 'wait' must be a number of seconds >= 0, was '"
        + (value.length() > 32 ? value.substring(0, 32) + "..." : value) + "'");
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? Long.toString(millis / 1000)
        : BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
  }
}
