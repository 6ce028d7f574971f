package dev.vtstatus.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vtstatus.client.CallTimeoutException;
import dev.vtstatus.client.VideoTranslationException;
import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.internal.wait.AnswerReader;
import dev.vtstatus.client.internal.wait.DeadlineReachedException;
import dev.vtstatus.client.internal.wait.ClientContext;
import dev.vtstatus.client.internal.wait.RequestRunner;
import dev.vtstatus.client.internal.wait.ServerProfile;
import dev.vtstatus.client.internal.http.HttpAnswer;
import dev.vtstatus.client.internal.trace.Tracing;
import dev.vtstatus.protocol.Causes;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.protocol.Protocol;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The operations that make one logical request: create, read once, cancel. Each ends by the
 * deadline its caller gives (the client's call timeout from the start of the call, retries
 * included) and otherwise fails with {@link CallTimeoutException}, the last transient failure as
 * the cause. A seed-protocol create (which has no {@code Idempotency-Key}) is repeated only when it
 * surely was not processed; see {@link RequestRunner}. Seed routes are taken from the client's
 * {@link dev.vtstatus.client.internal.wait.SeedDialect}. Thread-safe.
 */
final class OneShotCalls {
  private final ClientContext context;
  private final ServerProbe probe;
  private final WaitListener listener;
  private final Duration timeout;
  private final CreatedJobs created;
  private final Consumer<ServerProfile> beforeCreate;

  /**
   * @param timeout the call timeout, named in the exception when a deadline passes
   * @param beforeCreate runs before each create, for example to open the event stream first
   */
  OneShotCalls(
      ClientContext context, ServerProbe probe, Duration timeout, CreatedJobs created, Consumer<ServerProfile> beforeCreate) {
    this.context = context;
    this.probe = probe;
    this.listener = context.listener();
    this.timeout = timeout;
    this.created = created;
    this.beforeCreate = beforeCreate;
  }

  /** Returns the deadline of a call that starts now: the call timeout from now. */
  Instant deadline() {
    return context.clock().instant().plus(timeout);
  }

  /**
   * Creates a job within the call timeout; with {@code probeFirst} false and the server not probed
   * yet, it sends the version 1 create before any probe.
   */
  CompletableFuture<Job> create(JobRequest request, boolean probeFirst) {
    Instant deadline = deadline();
    // Started here, on the caller's thread, so the span is a child of the caller's context.
    Tracing.OperationTrace trace = context.tracing().start("vtstatus.create", null, null);
    if (!probeFirst && probe.known() == null) {
      return create(null, request, deadline, trace, () -> {
        probe.notV1();
        return probe.profile(deadline);
      });
    }
    return afterProbe(deadline, trace, p -> create(p, request, deadline, trace, null));
  }

  /** Reads a job once within the call timeout. */
  CompletableFuture<Job> read(String jobId) {
    Instant deadline = deadline();
    CreatedJobs.Created c = created.get(jobId);
    Tracing.OperationTrace trace = context.tracing().start("vtstatus.read", jobId, c == null ? null : c.trace());
    return afterProbe(deadline, trace, p -> read(p, jobId, deadline, c, trace));
  }

  /** Cancels a job within the call timeout. */
  CompletableFuture<Job> cancel(String jobId) {
    Instant deadline = deadline();
    CreatedJobs.Created c = created.get(jobId);
    Tracing.OperationTrace trace = context.tracing().start("vtstatus.cancel", jobId, c == null ? null : c.trace());
    return afterProbe(deadline, trace, p -> cancel(p, jobId, deadline, trace));
  }

  /** Runs the call once the server is known; a failed probe ends the call's span too. */
  private CompletableFuture<Job> afterProbe(
      Instant deadline, Tracing.OperationTrace trace, Function<ServerProfile, CompletableFuture<Job>> call) {
    return probe.profile(deadline).handle((p, error) -> {
      if (error != null) {
        Throwable cause = Causes.unwrap(error);
        trace.end("error", cause);
        return CompletableFuture.<Job>failedFuture(cause);
      }
      return call.apply(p);
    }).thenCompose(f -> f);
  }

  /**
   * Creates a job on a version 1 server, or on a seed-protocol server when {@code p} says so.
   * With {@code p} null (the server not probed yet) it sends the version 1 create and, when that
   * route does not exist, calls {@code notV1} and creates with the seed protocol on the profile it
   * returns: so a create on a version 1 server is one request.
   */
  private CompletableFuture<Job> create(
      ServerProfile p, JobRequest jobRequest, Instant deadline, Tracing.OperationTrace trace,
      Supplier<CompletableFuture<ServerProfile>> notV1) {
    if (p != null) {
      beforeCreate.accept(p);
    }
    boolean seed = p != null && p.seed();
    String body;
    try {
      body = seed ? "{}" : Json.mapper().writeValueAsString(jobRequest);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the job request as JSON: " + e.getOriginalMessage(), e);
    }
    Map<String, String> headers =
        seed ? Map.of() : Map.of(Protocol.IDEMPOTENCY_KEY_HEADER, UUID.randomUUID().toString());
    RequestRunner.Request request = request("POST", context.routes().jobs(), body, headers, null, deadline, trace);
    CompletableFuture<HttpAnswer> sent = seed
        ? context.seed().create(uri -> context.runner().run(request.withUri(uri)))
        : context.runner().run(request);
    if (p == null) {
      CompletableFuture<Job> out = new CompletableFuture<>();
      sent.whenComplete((answer, error) -> {
        if (error == null && (answer.status() == 404 || answer.status() == 405)) {
          notV1.get().thenCompose(profile -> create(profile, jobRequest, deadline, trace, notV1))
              .whenComplete((job, e) -> complete(out, job, e));
        } else {
          finish(answer, error, trace, (a, e) -> created(a, e, seed, trace)).whenComplete((job, e) -> complete(out, job, e));
        }
      });
      return out;
    }
    return finish(sent, trace, (answer, error) -> created(answer, error, seed, trace));
  }

  private Job created(HttpAnswer answer, Throwable error, boolean seed, Tracing.OperationTrace trace) {
    refuse("create a job", null, answer, error, false);
    Instant now = context.clock().instant();
    Job job = seed ? AnswerReader.seedCreated(answer, now) : AnswerReader.job(answer, null);
    created.put(new CreatedJobs.Created(job, trace.traceParent(), now));
    listener.jobCreated(job, trace.traceParent());
    return job;
  }

  private CompletableFuture<Job> read(
      ServerProfile p, String jobId, Instant deadline, CreatedJobs.Created c, Tracing.OperationTrace trace) {
    RequestRunner.Request request = request("GET", context.routes().job(jobId), null, Map.of(), jobId, deadline, trace);
    CompletableFuture<HttpAnswer> sent = p.seed()
        ? context.seed().status(jobId, uri -> context.runner().run(request.withUri(uri)))
        : context.runner().run(request);
    return finish(sent, trace, (answer, error) -> {
      refuse("read job '" + jobId + "'", jobId, answer, error, false);
      return p.seed() ? AnswerReader.seedStatus(answer, jobId, c == null ? null : c.at()) : AnswerReader.job(answer, jobId);
    });
  }

  private CompletableFuture<Job> cancel(ServerProfile p, String jobId, Instant deadline, Tracing.OperationTrace trace) {
    if (p.seed()) {
      VideoTranslationException noCancel = new VideoTranslationException(
          "cannot cancel job '" + jobId + "': a seed-protocol server has no cancel");
      trace.end("error", noCancel);
      return CompletableFuture.failedFuture(noCancel);
    }
    RequestRunner.Request request = request("DELETE", context.routes().job(jobId), null, Map.of(), jobId, deadline, trace);
    return finish(context.runner().run(request), trace, (answer, error) -> {
      refuse("cancel job '" + jobId + "'", jobId, answer, error, true);
      return AnswerReader.job(answer, jobId);
    });
  }

  /** Throws what a failed call means; a 409 on cancel carries the job and is no failure. */
  private void refuse(String operation, String jobId, HttpAnswer answer, Throwable error, boolean conflictCarriesJob) {
    if (error instanceof DeadlineReachedException d) {
      throw new CallTimeoutException(operation, timeout, d.getCause());
    }
    if (error != null) {
      throw PublicFailures.asRuntime(error);
    }
    if (answer.status() / 100 != 2 && !(conflictCarriesJob && answer.status() == 409)) {
      throw AnswerReader.refusal(answer, jobId);
    }
  }

  private RequestRunner.Request request(
      String method, URI uri, String body, Map<String, String> headers, String jobId, Instant deadline,
      Tracing.OperationTrace trace) {
    return new RequestRunner.Request(method, uri, body, headers, jobId, deadline, null, trace, new AtomicInteger());
  }

  private static CompletableFuture<Job> finish(
      CompletableFuture<HttpAnswer> sent, Tracing.OperationTrace trace, BiFunction<HttpAnswer, Throwable, Job> read) {
    return sent.handle((answer, error) -> finish(answer, error, trace, read)).thenCompose(f -> f);
  }

  private static CompletableFuture<Job> finish(
      HttpAnswer answer, Throwable error, Tracing.OperationTrace trace, BiFunction<HttpAnswer, Throwable, Job> read) {
    try {
      Job job = read.apply(answer, error == null ? null : Causes.unwrap(error));
      trace.end(job.status().wireName(), null);
      return CompletableFuture.completedFuture(job);
    } catch (RuntimeException e) {
      trace.end("error", e);
      return CompletableFuture.failedFuture(e);
    }
  }

  private static void complete(CompletableFuture<Job> out, Job job, Throwable error) {
    if (error != null) {
      out.completeExceptionally(Causes.unwrap(error));
    } else {
      out.complete(job);
    }
  }
}
