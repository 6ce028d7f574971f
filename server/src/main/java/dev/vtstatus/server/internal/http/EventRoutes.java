package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.server.internal.jobs.SimulatedBackend;
import dev.vtstatus.server.internal.jobs.Traces;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import dev.vtstatus.server.internal.push.EventFeed;
import dev.vtstatus.server.internal.push.EventStream;
import dev.vtstatus.server.internal.push.ParkedRequests;
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
  private final SimulatedBackend backend;
  private final EventFeed feed;
  private final ServerMetrics metrics;
  private final ParkedRequests parked;

  EventRoutes(SimulatedBackend backend, EventFeed feed, ServerMetrics metrics, ParkedRequests parked) {
    this.backend = backend;
    this.feed = feed;
    this.metrics = metrics;
    this.parked = parked;
  }

  /** {@code GET /v1/events}, replaying after {@code Last-Event-ID} when given. */
  void all(RoutingContext ctx) {
    Set<String> ids = JobRoutes.parseIds(ctx.request().getParam("ids"), false);
    String traceId = Traces.traceId(ctx.request().getHeader(Protocol.TRACEPARENT_HEADER));
    EventStream stream = open(ctx.response(), ids, null, KeyCheck.tenant(ctx), traceId);
    feed.subscribe(parked, stream, ctx.request().getHeader(Protocol.LAST_EVENT_ID_HEADER));
  }

  /** {@code GET /v1/jobs/{id}/events}: the current state, then the terminal event, then the end. */
  void one(RoutingContext ctx) {
    String id = JobRoutes.checkId(ctx.pathParam("id"));
    Responses.then(ctx, backend.view(id), job -> {
      if (job == null || !job.visibleTo(KeyCheck.tenant(ctx))) {
        throw JobRoutes.notFound(id);
      }
      EventStream stream = open(ctx.response(), null, id, null, job.traceId());
      // read again once the stream is registered, so that no event falls between read and subscribe
      feed.subscribeJob(parked, stream, backend.view(id));
    });
  }

  private EventStream open(
      HttpServerResponse response, Set<String> ids, String onlyJob, String tenant, String traceId) {
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no")
        .putHeader(Responses.TRACEPARENT, Traces.header(traceId));
    metrics.eventStreamOpened();
    EventStream stream = new EventStream(response, ids, onlyJob, tenant,
        metrics::eventStreamClosed);
    response.closeHandler(v -> {
      stream.closed();
      parked.remove(stream);
    });
    stream.write(Buffer.buffer("retry: 1000\n\n"));
    return stream;
  }
}
