package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.SeedJob;
import dev.vtstatus.protocol.SeedStatus;
import dev.vtstatus.server.internal.jobs.SimulatedBackend;
import dev.vtstatus.server.internal.jobs.JobRenderer;
import dev.vtstatus.server.internal.jobs.Traces;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * The seed-compatible routes, answering as the original server did, so its unmodified client keeps
 * working: {@code POST /job}, {@code POST /jobs}, {@code GET /status/{id}}, {@code GET
 * /status?job_id=} and {@code GET /status} for the default job. A create takes any body of any
 * content type: a valid version 1 create body is used (so {@code simulate} works here too), anything
 * else is ignored, as the original ignored every body. An unknown job, whatever its id, reads
 * {@code 200 {"result": "error", "message": "Job not found"}}, the original's answer, which makes its
 * client stop at once instead of polling a 404 in a loop. Canceled jobs read as {@code error} with a
 * message. Thread-safe.
 */
final class SeedRoutes {
  /** The original server's answer for a job it does not hold. */
  static final SeedStatus NOT_FOUND = new SeedStatus("error", "Job not found");
  private final SimulatedBackend backend;
  private final JobRoutes jobs;

  SeedRoutes(SimulatedBackend backend, JobRoutes jobs) {
    this.backend = backend;
    this.jobs = jobs;
  }

  /** {@code POST /job} and {@code POST /jobs}: 201 {@code {"job_id", "status": "pending"}}. */
  void create(RoutingContext ctx) {
    // A body the version 1 route would refuse (not JSON, a bad field) is ignored, as the original
    // server ignored every body; a body over the size limit was refused before this.
    Future<CreateRequestParser.Parsed> parsed = jobs.parseCreate(ctx).recover(e ->
        e instanceof ProblemException p && (p.status == 400 || p.status == 415)
            ? Future.succeededFuture(CreateRequestParser.parse(null, null, Duration.ZERO))
            : Future.failedFuture(e));
    Responses.then(ctx, parsed.compose(p -> jobs.create(ctx, p, null)),
        made -> Responses.json(ctx.response(), 201, new SeedJob(made.job().id(), "pending"), made.job().traceId()));
  }

  /** {@code GET /status/{id}}. */
  void statusById(RoutingContext ctx) {
    status(ctx, ctx.pathParam("id"));
  }

  /** {@code GET /status?job_id=...}, or the default job without {@code job_id}. */
  void statusByQuery(RoutingContext ctx) {
    status(ctx, ctx.request().getParam("job_id"));
  }

  private void status(RoutingContext ctx, String id) {
    Responses.then(ctx, id == null ? backend.defaultView() : backend.view(id), job -> {
      if (id != null && (job == null || !job.visibleTo(KeyCheck.tenant(ctx)))) {
        // another tenant's job answers as an unknown one does
        Responses.json(ctx.response(), 200, NOT_FOUND, Traces.traceId(ctx.request().getHeader(Responses.TRACEPARENT)));
        return;
      }
      if (job == null) {
        throw ProblemException.notFound("no default job");
      }
      Responses.json(ctx.response(), 200, JobRenderer.renderSeed(job.rendered().status()), job.traceId());
    });
  }
}
