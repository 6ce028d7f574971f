package dev.vtstatus.server.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.Faults;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.server.internal.jobs.SimulatedBackend;
import dev.vtstatus.server.internal.jobs.JobView;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The admin routes ({@code /admin/*}, see docs/PROTOCOL.md): force a job's end, read and change the
 * faults of this replica, list jobs, read the counters, reset. Keys are checked by {@link
 * KeyCheck}. One instance per event loop; thread-safe.
 */
final class AdminRoutes {
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final int MAX_CODE_LENGTH = 100;
  private static final int MAX_MESSAGE_LENGTH = 2048;
  private static final Set<String> FAULT_FIELDS = Set.of("fault_rate", "fault_latency_ms", "drop_rate", "rate_limit");

  private final SimulatedBackend backend;
  private final IntSupplier retained;
  private final ServerMetrics metrics;
  private final LiveFaults faults;

  AdminRoutes(SimulatedBackend backend, IntSupplier retained, ServerMetrics metrics, LiveFaults faults) {
    this.backend = backend;
    this.retained = retained;
    this.metrics = metrics;
    this.faults = faults;
  }

  /** {@code GET /admin/jobs?status=S&limit=N}: newest first. */
  void list(RoutingContext ctx) {
    JobStatus status = status(ctx.request().getParam("status"));
    int limit = limit(ctx.request().getParam("limit"));
    Responses.then(ctx, backend.newest(status, limit), views -> {
      Buffer body = Buffer.buffer(64 + views.size() * 512).appendString("{\"jobs\":[");
      boolean first = true;
      for (JobView view : views) {
        // a job whose settled view left the filter (its planned end came meanwhile) is dropped
        if (view != null && (status == null || view.rendered().status() == status)) {
          body.appendString(first ? "" : ",").appendBytes(view.rendered().json());
          first = false;
        }
      }
      Responses.json(ctx.response(), 200, body.appendString("]}"), null);
    });
  }

  /** {@code POST /admin/jobs/{id}/complete}. */
  void complete(RoutingContext ctx) {
    force(ctx, JobStatus.COMPLETED, null, null);
  }

  /** {@code POST /admin/jobs/{id}/fail} with an optional {@code {"code", "message"}} body. */
  void fail(RoutingContext ctx) {
    JsonNode body = CreateRequestParser.jsonObject(RequestIntake.contentType(ctx), ctx.body().buffer());
    String code = null;
    String message = null;
    if (body != null) {
      for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!field.equals("code") && !field.equals("message")) {
          throw ProblemException.badRequest("unknown field '" + field + "'; a failure takes 'code' and 'message'");
        }
      }
      code = text(body, "code", MAX_CODE_LENGTH);
      message = text(body, "message", MAX_MESSAGE_LENGTH);
    }
    force(ctx, JobStatus.ERROR, code, message);
  }

  private void force(RoutingContext ctx, JobStatus status, String code, String message) {
    String id = JobRoutes.checkId(ctx.pathParam("id"));
    Responses.then(ctx, backend.force(id, status, code, message), decision -> {
      if (decision.job() == null) {
        throw JobRoutes.notFound(id);
      }
      JobRoutes.answerJob(ctx.response(), decision.won() ? 200 : 409, decision.job());
    });
  }

  /** {@code GET /admin/faults}. */
  void faults(RoutingContext ctx) {
    Responses.json(ctx.response(), 200, faults.faults(), null);
  }

  /** {@code PUT /admin/faults}: fields left out keep their value. */
  void setFaults(RoutingContext ctx) {
    JsonNode body = CreateRequestParser.jsonObject(RequestIntake.contentType(ctx), ctx.body().buffer());
    if (body == null) {
      throw ProblemException.badRequest("the body must name at least one of " + FAULT_FIELDS);
    }
    Faults now = faults.faults();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FAULT_FIELDS.contains(field)) {
        throw ProblemException.badRequest("unknown field '" + field + "'; faults are " + FAULT_FIELDS);
      }
    }
    try {
      Faults changed = new Faults(
          number(body, "fault_rate", now.faultRate()),
          Duration.ofMillis(whole(body, "fault_latency_ms", now.faultLatency().toMillis())),
          number(body, "drop_rate", now.dropRate()),
          body.has("rate_limit") && body.get("rate_limit").isNull() ? null
              : (Double) number(body, "rate_limit", now.rateLimit() == null ? 0 : now.rateLimit()));
      Responses.json(ctx.response(), 200, faults.set(changed), null);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(e.getMessage());
    }
  }

  /** {@code GET /admin/stats}. */
  void stats(RoutingContext ctx) {
    Responses.json(ctx.response(), 200, metrics.adminStats(retained.getAsInt()), null);
  }

  /** {@code POST /admin/reset}: 204 once every client job is forgotten. */
  void reset(RoutingContext ctx) {
    Responses.then(ctx, backend.forgetClientJobs(), forgotten -> {
      faults.reset();
      metrics.restartAdminCounters();
      ctx.response().setStatusCode(204).end();
    });
  }

  private static JobStatus status(String value) {
    if (value == null) {
      return null;
    }
    try {
      return JobStatus.fromWire(value);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(
          "query parameter 'status' must be pending, completed, error or canceled, was '" + value + "'");
    }
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ProblemException.badRequest(
        "query parameter 'limit' must be a whole number from 1 to " + MAX_LIMIT + ", was '" + value + "'");
  }

  private static String text(JsonNode body, String field, int maxLength) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.textValue().isEmpty() || node.textValue().length() > maxLength) {
      throw ProblemException.badRequest(
          "field '" + field + "' must be a string of 1 to " + maxLength + " characters");
    }
    return node.textValue();
  }

  private static double number(JsonNode body, String field, double otherwise) {
    JsonNode node = body.get(field);
    if (node == null) {
      return otherwise;
    }
    if (!node.isNumber()) {
      throw ProblemException.badRequest("field '" + field + "' must be a number, was " + node);
    }
    return node.doubleValue();
  }

  private static long whole(JsonNode body, String field, long otherwise) {
    JsonNode node = body.get(field);
    if (node == null) {
      return otherwise;
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber()) {
      throw ProblemException.badRequest("field '" + field + "' must be a whole number of milliseconds, was " + node);
    }
    return node.longValue();
  }
}
