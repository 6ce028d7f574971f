package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.protocol.SeedJob;
import dev.vtstatus.server.internal.jobs.JobEngine;
import dev.vtstatus.server.internal.jobs.JobRenderer;
import io.vertx.ext.web.RoutingContext;

/**
 * The seed-compatible routes, answering exactly as the original server did: {@code POST /job},
 * {@code POST /jobs}, {@code GET /status/{id}}, {@code GET /status?job_id=} and {@code GET /status}
 * for the default job. Canceled jobs read as {@code error} with a message. Thread-safe.
 */
final class SeedRoutes {
  private final JobEngine engine;
  private final JobRoutes jobs;

  SeedRoutes(JobEngine engine, JobRoutes jobs) {
    this.engine = engine;
    this.jobs = jobs;
  }

  /** {@code POST /job} and {@code POST /jobs}: 201 {@code {"job_id", "status": "pending"}}. */
  void create(RoutingContext ctx) {
    String traceparent = ctx.request().getHeader(Protocol.TRACEPARENT_HEADER);
    Answers.then(ctx, jobs.parseCreate(ctx).compose(parsed -> jobs.create(parsed, null, traceparent)),
        made -> Answers.json(ctx.response(), 201, new SeedJob(made.job().id(), "pending"), made.job().traceId()));
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
    Answers.then(ctx, id == null ? engine.defaultView() : engine.view(id), job -> {
      if (job == null) {
        throw ProblemException.notFound(id == null ? "no default job" : "no job '" + shorten(id) + "'");
      }
      Answers.json(ctx.response(), 200, JobRenderer.renderSeed(job.rendered().status()), job.traceId());
    });
  }

  private static String shorten(String id) {
    return id.length() > 64 ? id.substring(0, 64) + "..." : id;
  }
}
