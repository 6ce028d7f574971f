package dev.vtstatus.client.internal;

import dev.vtstatus.client.InvalidResponseException;
import dev.vtstatus.client.ProtocolMode;
import dev.vtstatus.client.RetriesExhaustedException;
import dev.vtstatus.client.VideoTranslationException;
import dev.vtstatus.client.internal.engine.Answers;
import dev.vtstatus.client.internal.engine.DeadlineReachedException;
import dev.vtstatus.client.internal.engine.Engine;
import dev.vtstatus.client.internal.engine.RequestRunner;
import dev.vtstatus.client.internal.engine.ServerProfile;
import dev.vtstatus.client.internal.trace.Tracing;
import java.time.Duration;
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
  private final Engine engine;
  private final ProtocolMode mode;
  private final Duration timeout;
  private final AtomicReference<CompletableFuture<ServerProfile>> profile = new AtomicReference<>();

  ServerProbe(Engine engine, ProtocolMode mode, Duration timeout) {
    this.engine = engine;
    this.mode = mode;
    this.timeout = timeout;
  }

  /** Returns the server's profile, probing on the first call. */
  CompletableFuture<ServerProfile> profile() {
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
        probe(attempts).whenComplete((p, e) -> {
          if (e != null) {
            mine.completeExceptionally(publicFailure(Failures.unwrap(e), attempts.get()));
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
   * Returns the public exception for a failed probe: running out of time while the server kept
   * failing is {@link RetriesExhaustedException} with the last failure as the cause, so callers of
   * every operation only ever see the public exception types.
   */
  private RuntimeException publicFailure(Throwable error, int attempts) {
    if (error instanceof DeadlineReachedException d) {
      String what = "could not read the server's capabilities within " + timeout.toMillis() + " ms";
      return d.getCause() != null
          ? new RetriesExhaustedException(attempts, d.getCause())
          : new VideoTranslationException(what);
    }
    return Failures.asRuntime(error);
  }

  private CompletableFuture<ServerProfile> probe(AtomicInteger attempts) {
    boolean auto = mode == ProtocolMode.AUTO;
    ServerProfile notV1 = auto ? ServerProfile.SEED : ServerProfile.V1_PLAIN;
    Tracing.OperationTrace trace = engine.tracing().start("vtstatus.capabilities", null, null);
    RequestRunner.Request request = new RequestRunner.Request(
        "GET", engine.routes().capabilities(), null, Map.of(), null,
        engine.clock().instant().plus(timeout), null, trace, attempts);
    return engine.runner()
        .run(request)
        .thenApply(answer -> {
          if (answer.status() == 404) {
            return notV1;
          }
          if (answer.status() / 100 != 2) {
            throw Answers.refusal(answer, null);
          }
          try {
            return ServerProfile.of(Answers.capabilities(answer));
          } catch (InvalidResponseException e) {
            return notV1;
          }
        })
        .whenComplete((p, e) -> trace.end(e == null ? (p.seed() ? "seed" : "v1") : "error", e));
  }
}
