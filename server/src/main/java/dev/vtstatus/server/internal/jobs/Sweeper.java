package dev.vtstatus.server.internal.jobs;

import dev.vtstatus.server.internal.store.Store;
import dev.vtstatus.server.internal.webhook.WebhookSender;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What every replica looks for again and again, so that nothing waits on a replica that is gone:
 * jobs past their planned end that nobody decided, and webhook deliveries that are due (a retry) or
 * whose lease ran out (their replica died mid-attempt). Thread-safe.
 */
final class Sweeper {
  /** How often a replica sweeps. */
  static final Duration INTERVAL = Duration.ofMillis(250);
  private static final int BATCH = 100;

  private final Scheduler scheduler;
  private final Clock clock;
  private final Store store;
  private final WebhookSender webhooks;
  private final Function<String, Future<?>> endAtPlan;
  private volatile boolean stopped;
  private volatile long timer = -1;

  Sweeper(Scheduler scheduler, Clock clock, Store store, WebhookSender webhooks, Function<String, Future<?>> endAtPlan) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.store = store;
    this.webhooks = webhooks;
    this.endAtPlan = endAtPlan;
  }

  /** Starts sweeping every {@link #INTERVAL}. */
  void start() {
    timer = scheduler.schedule(INTERVAL, this::sweep);
  }

  private void sweep() {
    if (stopped) {
      return;
    }
    Future<?> jobsDone = store.jobs().due(clock.instant(), BATCH).compose(ids -> {
      List<Future<?>> decided = new ArrayList<>(ids.size());
      for (String id : ids) {
        decided.add(endAtPlan.apply(id));
      }
      return Future.join(decided);
    });
    Future.join(jobsDone, webhooks()).onComplete(done -> {
      if (!stopped) {
        timer = scheduler.schedule(INTERVAL, this::sweep);
      }
    });
  }

  /** Claims and sends the webhook deliveries due now; also run when a retry of this replica's is due. */
  Future<?> webhooks() {
    if (stopped) {
      return Future.succeededFuture();
    }
    Instant now = clock.instant();
    return store.webhooks().claimDue(now, now.plus(webhooks.lease()), BATCH)
        .onSuccess(due -> due.forEach(webhooks::send));
  }

  /** Stops sweeping. */
  void stop() {
    stopped = true;
    scheduler.cancel(timer);
  }
}
