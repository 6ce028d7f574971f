package dev.vtstatus.client.internal;

import dev.vtstatus.client.CallTimeoutException;
import dev.vtstatus.client.InvalidResponseException;
import dev.vtstatus.client.ProtocolMode;
import dev.vtstatus.client.internal.wait.AnswerReader;
import dev.vtstatus.client.internal.wait.DeadlineReachedException;
import dev.vtstatus.client.internal.wait.ClientContext;
import dev.vtstatus.client.internal.wait.RequestRunner;
import dev.vtstatus.client.internal.wait.ServerProfile;
import dev.vtstatus.client.internal.trace.Tracing;
import dev.vtstatus.protocol.Causes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Learns once what the server speaks: {@code GET /v1/capabilities}. With {@link ProtocolMode#AUTO}
 * a 404, or an answer that is not JSON, means a seed-protocol server; with {@link ProtocolMode#V1}
 * it means a version 1 server without optional features; {@link ProtocolMode#SEED} never asks. A
 * failed probe is tried again on the next call. Thread-safe.
 */
final class ServerProbe {
  private final ClientContext context;
  private final ProtocolMode mode;
  private final Duration timeout;
  private final AtomicReference<CompletableFuture<ServerProfile>> profile = new AtomicReference<>();

  /** @param timeout the call timeout, named in the exception when the probe runs out of time */
  ServerProbe(ClientContext context, ProtocolMode mode, Duration timeout) {
    this.context = context;
    this.mode = mode;
    this.timeout = timeout;
  }

  /**
   * Returns the server's profile, probing on the first call; the probe's requests end by {@code
   * deadline}, that of the call that needed it.
   */
  CompletableFuture<ServerProfile> profile(Instant deadline) {
    if (mode == ProtocolMode.SEED) {
      return CompletableFuture.completedFuture(ServerProfile.SEED);
    }
    while (true) {
      CompletableFuture<ServerProfile> current = profile.get();
      if (current != null && !current.isCompletedExceptionally()) {
        return current;
      }
      CompletableFuture<ServerProfile> mine = new CompletableFuture<>();
      if (profile.compareAndSet(current, mine)) {
        AtomicInteger attempts = new AtomicInteger();
        probe(attempts, deadline).whenComplete((p, e) -> {
          if (e != null) {
            mine.completeExceptionally(publicFailure(Causes.unwrap(e)));
          } else {
            mine.complete(p);
          }
        });
        return mine;
      }
    }
  }

  /** Returns the profile if the probe has succeeded, else null. */
  ServerProfile known() {
    if (mode == ProtocolMode.SEED) {
      return ServerProfile.SEED;
    }
    CompletableFuture<ServerProfile> f = profile.get();
    return f == null || !f.isDone() || f.isCompletedExceptionally() ? null : f.join();
  }

  /**
   * Returns the public exception for a failed probe: running out of time is {@link
   * CallTimeoutException} with the last failure as the cause, so callers of every operation only
   * ever see the public exception types.
   */
  private RuntimeException publicFailure(Throwable error) {
    if (error instanceof DeadlineReachedException d) {
      return new CallTimeoutException("read the server's capabilities", timeout, d.getCause());
    }
    return PublicFailures.asRuntime(error);
  }

  /**
   * Records that the server has no version 1 routes, learned from a create's 404, so that no probe
   * is needed; a profile already known or being learned stays.
   */
  void notV1() {
    if (mode == ProtocolMode.AUTO) {
      profile.compareAndSet(null, CompletableFuture.completedFuture(ServerProfile.SEED));
    }
  }

  private CompletableFuture<ServerProfile> probe(AtomicInteger attempts, Instant deadline) {
    boolean auto = mode == ProtocolMode.AUTO;
    ServerProfile notV1 = auto ? ServerProfile.SEED : ServerProfile.V1_PLAIN;
    Tracing.OperationTrace trace = context.tracing().start("vtstatus.capabilities", null, null);
    RequestRunner.Request request = new RequestRunner.Request(
        "GET", context.routes().capabilities(), null, Map.of(), null,
        deadline, null, trace, attempts);
    return context.runner()
        .run(request)
        .thenApply(answer -> {
          if (answer.status() == 404) {
            return notV1;
          }
          if (answer.status() / 100 != 2) {
            throw AnswerReader.refusal(answer, null);
          }
          try {
            return ServerProfile.of(AnswerReader.capabilities(answer));
          } catch (InvalidResponseException e) {
            return notV1;
          }
        })
        .whenComplete((p, e) -> trace.end(e == null ? (p.seed() ? "seed" : "v1") : "error", e));
  }
}
