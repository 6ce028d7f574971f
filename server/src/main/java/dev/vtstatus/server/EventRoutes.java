package dev.vtstatus.server;

import dev.vtstatus.protocol.Protocol;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The Server-Sent Events routes: {@code GET /v1/events} (every job, or {@code ?ids=}) and {@code
 * GET /v1/jobs/{id}/events} (one job, ending after its terminal event). One instance per event
 * loop; its streams live in that loop's {@link ParkedRequests}.
 */
final class EventRoutes {
  private final JobEngine engine;
  private final ServerMetrics metrics;
  private final ParkedRequests parked;
  private final JobRoutes jobs;

  EventRoutes(JobEngine engine, ServerMetrics metrics, ParkedRequests parked, JobRoutes jobs) {
    this.engine = engine;
    this.metrics = metrics;
    this.parked = parked;
    this.jobs = jobs;
  }

  /** {@code GET /v1/events}, replaying after {@code Last-Event-ID} when given. */
  void all(RoutingContext ctx) {
    Set<String> ids = JobRoutes.parseIds(ctx.request().getParam("ids"), false);
    String traceId = Traces.traceId(ctx.request().getHeader(Protocol.TRACEPARENT_HEADER));
    EventStream stream = open(ctx.response(), ids, null, traceId);
    engine.hub().subscribe(parked, stream, ctx.request().getHeader(Protocol.LAST_EVENT_ID_HEADER));
  }

  /** {@code GET /v1/jobs/{id}/events}: the current state, then the terminal event, then the end. */
  void one(RoutingContext ctx) {
    SimulatedJob job = jobs.find(ctx.pathParam("id"));
    EventStream stream = open(ctx.response(), null, job.id, job.traceId);
    if (!engine.hub().subscribeJob(parked, stream, job, () -> engine.view(job))) {
      // rendered only now: the terminal event was published, so this is the final state
      stream.write(EventHub.frame(job.terminalEventId(), Protocol.EVENT_JOB, engine.view(job).text()));
      stream.end();
    }
  }

  private EventStream open(HttpServerResponse response, Set<String> ids, String onlyJob, String traceId) {
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no")
        .putHeader(Answers.TRACEPARENT, Traces.header(traceId));
    metrics.openEventStreams().incrementAndGet();
    EventStream stream = new EventStream(response, ids, onlyJob,
        () -> metrics.openEventStreams().decrementAndGet());
    response.closeHandler(v -> {
      stream.closed();
      parked.remove(stream);
    });
    stream.write(Buffer.buffer("retry: 1000\n\n"));
    return stream;
  }
}
