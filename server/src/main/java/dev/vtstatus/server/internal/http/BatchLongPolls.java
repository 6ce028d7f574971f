package dev.vtstatus.server.internal.http;

import dev.vtstatus.server.internal.jobs.JobView;
import dev.vtstatus.server.internal.jobs.Scheduler;
import dev.vtstatus.server.internal.jobs.SimulatedBackend;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import dev.vtstatus.server.internal.push.LongPoll;
import dev.vtstatus.server.internal.push.ParkedRequests;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Batch long polls ({@code GET /v1/jobs?ids=...&wait=S}) whose ids are all well formed. A client
 * renews one per job end with the rest of its group, so neither parking nor answering renders a
 * pending job: parking needs only whether each job is pending and its planned end, and the answer
 * renders only the jobs that have ended. When a listed job is not pending (unknown, another
 * tenant's, ended) the request is a plain batch read. One instance per event loop, confined to it.
 */
final class BatchLongPolls {
  /** Answers a plain batch read of the ids; the route's own. */
  interface PlainRead {
    void answer(RoutingContext ctx, Set<String> ids, List<String> wellFormed, String tenant, String traceId);
  }

  private final Scheduler scheduler;
  private final SimulatedBackend backend;
  private final ServerMetrics metrics;
  private final ParkedRequests parked;
  private final PlainRead plainRead;

  BatchLongPolls(Scheduler scheduler, SimulatedBackend backend, ServerMetrics metrics, ParkedRequests parked,
      PlainRead plainRead) {
    this.scheduler = scheduler;
    this.backend = backend;
    this.metrics = metrics;
    this.parked = parked;
    this.plainRead = plainRead;
  }

  /** Holds the request for at most {@code held}, or reads at once when a listed job is not pending. */
  void hold(RoutingContext ctx, Set<String> ids, List<String> wellFormed, Duration held, String tenant,
      String traceId) {
    Responses.then(ctx, backend.pendingEnds(wellFormed, tenant), ends -> {
      if (ends.contains(null)) {
        plainRead.answer(ctx, ids, wellFormed, tenant, traceId);
        return;
      }
      LongPoll poll = new LongPoll(scheduler, Vertx.currentContext(), wellFormed, backend.waiters(), parked, metrics,
          () -> answerEnded(ctx, ids, wellFormed, tenant, traceId));
      poll.park(held);
      ctx.response().closeHandler(v -> poll.closed());
      for (int i = 0; i < wellFormed.size(); i++) {
        backend.watchEnd(wellFormed.get(i), ends.get(i));
      }
      if (wellFormed.stream().anyMatch(backend::endedHere)) {
        // a terminal event came between the read and the park
        poll.finish();
      }
    });
  }

  /**
   * Answers with the listed jobs that are no longer pending (none when the wait ran out): the rest
   * are, and one answer per end then costs the same whatever the batch's size.
   */
  private void answerEnded(RoutingContext ctx, Set<String> ids, List<String> wellFormed, String tenant,
      String traceId) {
    Future<List<JobView>> views = backend.pendingEnds(wellFormed, tenant).compose(ends -> {
      List<String> over = new ArrayList<>();
      for (int i = 0; i < wellFormed.size(); i++) {
        if (ends.get(i) == null) {
          over.add(wellFormed.get(i));
        }
      }
      return over.isEmpty() ? Future.succeededFuture(List.of()) : backend.viewAll(over);
    });
    Responses.then(ctx, JobRoutes.visible(views, tenant),
        ended -> JobRoutes.answerBatch(ctx, JobRoutes.ended(ids, ended), ended, traceId));
  }
}
