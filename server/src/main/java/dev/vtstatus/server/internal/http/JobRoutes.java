package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Durations;
import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.server.internal.jobs.SimulatedBackend;
import dev.vtstatus.server.internal.jobs.JobRenderer;
import dev.vtstatus.server.internal.jobs.JobView;
import dev.vtstatus.server.internal.jobs.Scheduler;
import dev.vtstatus.server.internal.jobs.Traces;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import dev.vtstatus.server.internal.push.LongPoll;
import dev.vtstatus.server.internal.push.ParkedRequests;
import dev.vtstatus.server.internal.store.IdempotencyConflictException;
import dev.vtstatus.server.internal.trace.ServerTracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import dev.vtstatus.server.ServerConfig;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
  private final Scheduler scheduler;
  private final SimulatedBackend backend;
  private final ServerMetrics metrics;
  private final ServerTracing tracing;
  private final ParkedRequests parked;
  private final Duration maxWait;
  private final Duration maxDuration;
  private final CallbackGuard callbacks;
  private final BatchLongPolls batchLongPolls;

  JobRoutes(Vertx vertx, Scheduler scheduler, SimulatedBackend backend, ServerMetrics metrics, ServerTracing tracing,
      ParkedRequests parked,
      ServerConfig config) {
    this.vertx = vertx;
    this.scheduler = scheduler;
    this.backend = backend;
    this.metrics = metrics;
    this.tracing = tracing;
    this.parked = parked;
    this.maxWait = config.limits().maxWait();
    this.maxDuration = config.simulation().maxSimulatedDuration();
    this.callbacks = CallbackGuard.forConfig(config);
    this.batchLongPolls = new BatchLongPolls(scheduler, backend, metrics, parked, this::read);
  }

  /** {@code POST /v1/jobs}. */
  void create(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String key = request.getHeader(Protocol.IDEMPOTENCY_KEY_HEADER);
    if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      throw ProblemException.badRequest("header '" + Protocol.IDEMPOTENCY_KEY_HEADER
          + "' must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
    }
    Responses.then(ctx, parseCreate(ctx).compose(parsed -> create(ctx, parsed, key)), added -> {
      ctx.response().putHeader("Location", "/v1/jobs/" + added.job().id());
      answerJob(ctx.response(), added.created() ? 201 : 200, added.job());
    });
  }

  /**
   * Reads a create body and, when it names a callback, checks where the callback points (a DNS
   * lookup, on a worker thread); fails with the problem to answer.
   */
  Future<CreateRequestParser.Parsed> parseCreate(RoutingContext ctx) {
    CreateRequestParser.Parsed parsed;
    try {
      parsed = CreateRequestParser.parse(RequestIntake.contentType(ctx), ctx.body().buffer(), maxDuration);
    } catch (ProblemException e) {
      return Future.failedFuture(e);
    }
    URI callback = parsed.request().callbackUrl();
    if (callback == null) {
      return Future.succeededFuture(parsed);
    }
    return vertx.executeBlocking(() -> parsed.withCallbackAddress(callbacks.check(callback).getHostAddress()), false);
  }

  /** The job a create made or found, as the wire shows it now. */
  record Made(JobView job, boolean created) {}

  /**
   * Creates through the backend in the trace of the request in {@code ctx}, owned by its API key
   * (see {@link KeyCheck#owner}), mapping an idempotency conflict to its problem.
   */
  Future<Made> create(RoutingContext ctx, CreateRequestParser.Parsed parsed, String key) {
    String traceId = Traces.traceId(ctx.request().getHeader(Protocol.TRACEPARENT_HEADER));
    return backend.create(parsed.request(), parsed.body(), parsed.bodyBytes(), key, traceId, KeyCheck.owner(ctx))
        .onSuccess(added -> {
          if (added.created()) {
            tracing.jobCreated(ctx, added.job().id(), added.job().createdAt());
          }
        })
        .recover(e -> Future.failedFuture(e instanceof IdempotencyConflictException conflict
            ? new ProblemException(409, "idempotency-conflict", "Conflict",
                "Idempotency-Key '" + key + "' was used before with a different body (job "
                    + conflict.existingId + ")", Map.of())
            : e))
        .compose(added -> backend.present(added.job()).map(view -> new Made(view, added.created())));
  }

  /** {@code GET /v1/jobs/{id}}, with {@code ?wait=S} or {@code Prefer: wait=S} for a long poll. */
  void get(RoutingContext ctx) {
    String id = checkId(ctx.pathParam("id"));
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
          wait = Durations.min(parseWait(m.group(1)), maxWait);
          ctx.response().putHeader(Protocol.PREFERENCE_APPLIED_HEADER, "wait=" + seconds(wait));
        }
      }
    }
    Duration held = Durations.min(wait, maxWait);
    Responses.then(ctx, backend.view(id), view -> {
      if (view == null || !view.visibleTo(KeyCheck.tenant(ctx))) {
        throw notFound(id);
      }
      if (held.isZero() || view.terminal()) {
        answerJob(ctx.response(), 200, view);
        return;
      }
      LongPoll poll = new LongPoll(scheduler, Vertx.currentContext(), List.of(id), backend.waiters(), parked, metrics,
          () -> Responses.then(ctx, backend.view(id), now -> answerJob(ctx.response(), 200, now != null ? now : view)));
      poll.park(held);
      ctx.response().closeHandler(v -> poll.closed());
      backend.watchEnd(id, view.plannedEnd());
      if (backend.endedHere(id)) {
        // its terminal event came between the read and the park
        poll.finish();
      }
    });
  }

  /**
   * {@code GET /v1/jobs?ids=a,b,c}: malformed ids are reported in {@code not_found}. With {@code
   * wait=S} it is a batch long poll: held while every listed job is found and pending, answered at
   * the first end among them (with the jobs that have ended) or when the wait passes (with none).
   */
  void batch(RoutingContext ctx) {
    Set<String> ids = parseIds(ctx.request().getParam("ids"), true);
    String query = ctx.request().getParam("wait");
    Duration held = query == null ? Duration.ZERO : Durations.min(parseWait(query), maxWait);
    List<String> wellFormed = ids.stream().filter(JobRoutes::isJobId).toList();
    String traceId = Traces.traceId(ctx.request().getHeader(Protocol.TRACEPARENT_HEADER));
    String tenant = KeyCheck.tenant(ctx);
    if (held.isZero() || wellFormed.size() != ids.size()) {
      read(ctx, ids, wellFormed, tenant, traceId);
    } else {
      batchLongPolls.hold(ctx, ids, wellFormed, held, tenant, traceId);
    }
  }

  /** Answers a plain batch read of {@code ids}, of which {@code wellFormed} are job ids. */
  private void read(RoutingContext ctx, Set<String> ids, List<String> wellFormed, String tenant, String traceId) {
    Responses.then(ctx, visible(backend.viewAll(wellFormed), tenant), views -> answerBatch(ctx, ids, views, traceId));
  }

  /** Returns the ids, in order, of the jobs among {@code views} that have ended. */
  static Set<String> ended(Set<String> ids, List<JobView> views) {
    Set<String> terminal = new HashSet<>();
    for (JobView view : views) {
      if (view != null && view.terminal()) {
        terminal.add(view.id());
      }
    }
    Set<String> out = new LinkedHashSet<>();
    ids.stream().filter(terminal::contains).forEach(out::add);
    return out;
  }

  /** Returns the views with another tenant's jobs replaced by null, as unknown ones are. */
  static Future<List<JobView>> visible(Future<List<JobView>> views, String tenant) {
    return tenant == null ? views : views.map(all -> all.stream()
        .map(view -> view != null && view.visibleTo(tenant) ? view : null).toList());
  }

  /** Answers a batch read: the jobs found, in request order, and the ids not found. */
  static void answerBatch(RoutingContext ctx, Set<String> ids, List<JobView> views, String traceId) {
    Map<String, JobView> found = new HashMap<>();
    for (JobView view : views) {
      if (view != null) {
        found.put(view.id(), view);
      }
    }
    Buffer body = Buffer.buffer(256 + ids.size() * 512).appendString("{\"jobs\":[");
    List<String> notFound = new ArrayList<>();
    boolean first = true;
    for (String id : ids) {
      JobView view = found.get(id);
      if (view == null) {
        notFound.add(id);
      } else {
        body.appendString(first ? "" : ",").appendBytes(view.rendered().json());
        first = false;
      }
    }
    body.appendString("],\"not_found\":").appendString(JobRenderer.json(notFound)).appendString("}");
    Responses.json(ctx.response(), 200, body, traceId);
  }

  /** {@code DELETE /v1/jobs/{id}}: 202 when canceled, 409 with the job when it had ended. */
  void cancel(RoutingContext ctx) {
    String id = checkId(ctx.pathParam("id"));
    String tenant = KeyCheck.tenant(ctx);
    // another tenant's job is unknown to this one, so it cannot be canceled by it either
    Future<SimulatedBackend.Decision> canceling = backend.view(id).compose(view ->
        view == null || !view.visibleTo(tenant) ? Future.succeededFuture(new SimulatedBackend.Decision(null, false))
            : backend.cancel(id));
    Responses.then(ctx, canceling, canceled -> {
      if (canceled.job() == null) {
        throw notFound(id);
      }
      answerJob(ctx.response(), canceled.won() ? 202 : 409, canceled.job());
    });
  }

  /** Returns the id, or throws 400 when it is not a job id. */
  static String checkId(String id) {
    if (id == null || !isJobId(id)) {
      String shown = id == null ? "" : id.length() > 64 ? id.substring(0, 64) + "..." : id;
      throw ProblemException.badRequest("'" + shown + "' is not a job id (expected a lowercase UUID)");
    }
    return id;
  }

  /** Returns the 404 of an unknown job. */
  static ProblemException notFound(String id) {
    return ProblemException.notFound("no job '" + id + "' (never created, or evicted)");
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

  /** Answers with the job's JSON, and {@code Retry-After} while it is pending. */
  static void answerJob(HttpServerResponse response, int status, JobView job) {
    JobRenderer.Rendered view = job.rendered();
    if (view.pollAfterMillis() >= 0) {
      response.putHeader(RETRY_AFTER, JobRenderer.retryAfterSeconds(view.pollAfterMillis()));
    }
    Responses.json(response, status, Buffer.buffer(view.json()), job.traceId());
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

  private static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? Long.toString(millis / 1000)
        : BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
  }
}
