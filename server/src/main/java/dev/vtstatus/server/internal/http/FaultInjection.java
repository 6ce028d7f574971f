package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Faults;
import dev.vtstatus.protocol.Protocol;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies the faults in force to a request whose {@link Policy} takes them, in the documented
 * order: the rate limit ({@code 429}), added latency, a dropped connection, an injected {@code
 * 503}. Thread-safe.
 */
final class FaultInjection implements Handler<RoutingContext> {
  private final Vertx vertx;
  private final LiveFaults faults;

  FaultInjection(Vertx vertx, LiveFaults faults) {
    this.vertx = vertx;
    this.faults = faults;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!RequestIntake.policy(ctx).faults()) {
      ctx.next();
      return;
    }
    LiveFaults.State now = faults.state();
    if (now.rateLimit() != null) {
      ConsumptionProbe probe = now.rateLimit().tryConsumeAndReturnRemaining(1);
      if (!probe.isConsumed()) {
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        ctx.fail(new ProblemException(429, "rate-limited", "Too many requests",
            "the server allows " + now.faults().rateLimit() + " requests per second",
            Map.of(Protocol.RETRY_AFTER_HEADER, Long.toString(seconds))));
        return;
      }
    }
    long latency = now.faults().faultLatency().toMillis();
    if (latency > 0) {
      // hold the body back until the body handler runs after the delay
      ctx.request().pause();
      vertx.setTimer(latency, id -> afterLatency(ctx, now.faults()));
    } else {
      afterLatency(ctx, now.faults());
    }
  }

  private static void afterLatency(RoutingContext ctx, Faults injected) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (injected.dropRate() > 0 && random.nextDouble() < injected.dropRate()) {
      ctx.request().connection().close();
      return;
    }
    if (injected.faultRate() > 0 && random.nextDouble() < injected.faultRate()) {
      ctx.fail(ProblemException.unavailable("injected fault: the server is pretending to be overloaded", 1));
      return;
    }
    ctx.next();
  }
}
