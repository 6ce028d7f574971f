package dev.vtstatus.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vtstatus.client.VideoTranslationException;
import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitTimeoutException;
import dev.vtstatus.client.internal.engine.Answers;
import dev.vtstatus.client.internal.engine.DeadlineReachedException;
import dev.vtstatus.client.internal.engine.Engine;
import dev.vtstatus.client.internal.engine.RequestRunner;
import dev.vtstatus.client.internal.engine.ServerProfile;
import dev.vtstatus.client.internal.http.HttpAnswer;
import dev.vtstatus.client.internal.trace.Tracing;
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

/**
 * The operations that make one logical request: create, read once, cancel. Each has the client's
 * timeout as its deadline and the usual retries, except that a seed-protocol create (which has no
 * {@code Idempotency-Key}) is repeated only when it surely was not processed; see {@link
 * RequestRunner}. Running out of time fails a create with {@link VideoTranslationException} and a
 * read or cancel with {@link WaitTimeoutException}, the last transient failure as the cause.
 * Thread-safe.
 */
final class OneShotCalls {
  private final Engine engine;
  private final WaitListener listener;
  private final Duration timeout;
  private final CreatedJobs created;
  private final Consumer<ServerProfile> beforeCreate;

  /**
   * @param beforeCreate runs before each create, for example to open the event stream first
   */
  OneShotCalls(Engine engine, Duration timeout, CreatedJobs created, Consumer<ServerProfile> beforeCreate) {
    this.engine = engine;
    this.listener = engine.listener();
    this.timeout = timeout;
    this.created = created;
    this.beforeCreate = beforeCreate;
  }

  CompletableFuture<Job> create(ServerProfile p, JobRequest jobRequest) {
    beforeCreate.accept(p);
    Tracing.OperationTrace trace = engine.tracing().start("vtstatus.create", null, null);
    String body;
    try {
      body = p.seed() ? "{}" : Json.mapper().writeValueAsString(jobRequest);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the job request as JSON: " + e.getOriginalMessage(), e);
    }
    Map<String, String> headers =
        p.seed() ? Map.of() : Map.of(Protocol.IDEMPOTENCY_KEY_HEADER, UUID.randomUUID().toString());
    URI uri = p.seed() ? engine.routes().seedCreate() : engine.routes().jobs();
    return send("POST", uri, body, headers, null, trace, (answer, error) -> {
      if (error instanceof DeadlineReachedException d) {
        throw new VideoTranslationException(
            "could not create a job within " + timeout.toMillis() + " ms", d.getCause());
      }
      if (error != null) {
        throw Failures.asRuntime(error);
      }
      if (answer.status() / 100 != 2) {
        throw Answers.refusal(answer, null);
      }
      Instant now = engine.clock().instant();
      Job job = p.seed() ? Answers.seedCreated(answer, now) : Answers.job(answer, null);
      created.put(new CreatedJobs.Created(job, trace.traceParent(), now));
      listener.jobCreated(job, trace.traceParent());
      return job;
    });
  }

  CompletableFuture<Job> read(ServerProfile p, String jobId) {
    CreatedJobs.Created c = created.get(jobId);
    Tracing.OperationTrace trace = engine.tracing().start("vtstatus.read", jobId, c == null ? null : c.trace());
    URI uri = p.seed() ? engine.routes().seedStatus(jobId) : engine.routes().job(jobId);
    return send("GET", uri, null, Map.of(), jobId, trace, (answer, error) -> {
      refuse(jobId, answer, error, false);
      return p.seed() ? Answers.seedStatus(answer, jobId, c == null ? null : c.at()) : Answers.job(answer, jobId);
    });
  }

  CompletableFuture<Job> cancel(ServerProfile p, String jobId) {
    if (p.seed()) {
      return CompletableFuture.failedFuture(new VideoTranslationException(
          "cannot cancel job '" + jobId + "': a seed-protocol server has no cancel"));
    }
    CreatedJobs.Created c = created.get(jobId);
    Tracing.OperationTrace trace = engine.tracing().start("vtstatus.cancel", jobId, c == null ? null : c.trace());
    return send("DELETE", engine.routes().job(jobId), null, Map.of(), jobId, trace, (answer, error) -> {
      refuse(jobId, answer, error, true);
      return Answers.job(answer, jobId);
    });
  }

  /** Throws what a failed read or cancel means; a 409 on cancel carries the job and is no failure. */
  private void refuse(String jobId, HttpAnswer answer, Throwable error, boolean conflictCarriesJob) {
    if (error instanceof DeadlineReachedException d) {
      WaitTimeoutException timedOut = new WaitTimeoutException(jobId, timeout, null);
      if (d.getCause() != null) {
        timedOut.initCause(d.getCause());
      }
      throw timedOut;
    }
    if (error != null) {
      throw Failures.asRuntime(error);
    }
    if (answer.status() / 100 != 2 && !(conflictCarriesJob && answer.status() == 409)) {
      throw Answers.refusal(answer, jobId);
    }
  }

  private CompletableFuture<Job> send(
      String method, URI uri, String body, Map<String, String> headers, String jobId,
      Tracing.OperationTrace trace, BiFunction<HttpAnswer, Throwable, Job> read) {
    RequestRunner.Request request = new RequestRunner.Request(
        method, uri, body, headers, jobId, engine.clock().instant().plus(timeout), null, trace, new AtomicInteger());
    return engine.runner().run(request).handle((answer, error) -> {
      try {
        Job job = read.apply(answer, error == null ? null : Failures.unwrap(error));
        trace.end(job.status().wireName(), null);
        return job;
      } catch (RuntimeException e) {
        trace.end("error", e);
        throw e;
      }
    });
  }
}
