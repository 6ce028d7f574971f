package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.ApiException;
import dev.vtstatus.client.ClientClosedException;
import dev.vtstatus.client.RetriesExhaustedException;
import dev.vtstatus.client.VideoTranslationException;
import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.internal.http.HttpAnswer;
import dev.vtstatus.client.internal.http.HttpCall;
import dev.vtstatus.client.internal.http.Transport;
import dev.vtstatus.client.internal.trace.Tracing;
import dev.vtstatus.protocol.Causes;
import dev.vtstatus.protocol.Durations;
import dev.vtstatus.protocol.Protocol;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Sends one logical request until it gets a usable answer: takes a rate-limit token, stamps
 * {@code traceparent}, the API key and headers, caps the request's timeout (and a long poll's wait)
 * at the time left, and retries transient failures (I/O errors, timeouts, 5xx, 429) with jittered
 * backoff that honours {@code Retry-After}, up to {@code maxRetries} in a row and never past the
 * deadline. Other answers, including 4xx refusals, are returned for the caller to read. A request
 * that is not idempotent (a POST without {@code Idempotency-Key}: the seed protocol's create) is
 * retried only when it surely was not processed: connect failures, 429, and 503 with {@code
 * Retry-After}; a lost answer (reset, timeout) or another 5xx ends it at once, since repeating it
 * could make a second job.
 *
 * <p>With several replicas ({@link Replicas}) every attempt goes to the replica {@link
 * Replicas#pick()} gives, so requests are spread over the replicas in service and a retry usually
 * lands on another replica than the attempt that failed. Each answer and each failure is reported
 * to the replicas, which set aside a replica that stopped answering. A retried request is the same
 * one (same body, same {@code Idempotency-Key}), so a create stays one job whichever replicas its
 * attempts reach, and its failures count against {@code maxRetries} wherever they happened.
 * Thread-safe; never blocks.
 */
public final class RequestRunner {
  private static final String NOT_RETRIED =
      "not retried: the request may have reached the server, and repeating it without an "
          + "Idempotency-Key could make a second job: ";
  private final Transport transport;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final WaitListener listener;
  private final RateLimiter limiter;
  private final Backoff backoff;
  private final String apiKey;
  private final int maxRetries;
  private final Duration requestTimeout;
  private final BooleanSupplier closed;
  private final Replicas replicas;

  /** Creates the runner. */
  public RequestRunner(
      Transport transport,
      Clock clock,
      ScheduledExecutorService scheduler,
      WaitListener listener,
      RateLimiter limiter,
      Backoff backoff,
      String apiKey,
      int maxRetries,
      Duration requestTimeout,
      BooleanSupplier closed,
      Replicas replicas) {
    this.transport = transport;
    this.clock = clock;
    this.scheduler = scheduler;
    this.listener = listener;
    this.limiter = limiter;
    this.backoff = backoff;
    this.apiKey = apiKey;
    this.maxRetries = maxRetries;
    this.requestTimeout = requestTimeout;
    this.closed = closed;
    this.replicas = replicas;
  }

  /**
   * One logical request.
   *
   * @param method GET, POST or DELETE
   * @param uri the URI (a long poll's {@code wait=} is added per attempt)
   * @param body the JSON body or null
   * @param headers extra headers, for example {@code Idempotency-Key}
   * @param jobId the job it is about, or null
   * @param deadline no attempt starts, and none outlives, this moment
   * @param longPollWait the most a long poll may ask the server to hold, or null for none
   * @param trace the operation's trace
   * @param attempts the operation's request counter, incremented per attempt
   */
  public record Request(
      String method,
      URI uri,
      String body,
      Map<String, String> headers,
      String jobId,
      Instant deadline,
      Duration longPollWait,
      Tracing.OperationTrace trace,
      AtomicInteger attempts) {

    /** Returns the same request sent to another URI. */
    public Request withUri(URI other) {
      return new Request(method, other, body, headers, jobId, deadline, longPollWait, trace, attempts);
    }
  }

  /**
   * Runs the request; the future fails with the cause when no usable answer can be had. Cancelling
   * it cancels the attempt on the wire and stops further retries.
   */
  public CompletableFuture<HttpAnswer> run(Request request) {
    CompletableFuture<HttpAnswer> out = new CompletableFuture<>();
    attempt(request, 0, null, out);
    return out;
  }

  private void attempt(
      Request r, int failures, Throwable lastCause, CompletableFuture<HttpAnswer> out) {
    if (out.isDone()) {
      return;
    }
    if (closed.getAsBoolean()) {
      out.completeExceptionally(new ClientClosedException());
      return;
    }
    Duration left = Duration.between(clock.instant(), r.deadline());
    if (left.isNegative() || left.isZero()) {
      out.completeExceptionally(new DeadlineReachedException(lastCause));
      return;
    }
    limiter
        .acquire(r.jobId(), left)
        .whenComplete(
            (granted, error) -> {
              if (error != null) {
                out.completeExceptionally(error);
              } else if (!granted) {
                out.completeExceptionally(new DeadlineReachedException(lastCause));
              } else {
                send(r, failures, lastCause, out);
              }
            });
  }

  private void send(
      Request r, int failures, Throwable lastCause, CompletableFuture<HttpAnswer> out) {
    if (out.isDone()) {
      return;
    }
    Duration left = Duration.between(clock.instant(), r.deadline());
    if (left.isNegative() || left.isZero()) {
      out.completeExceptionally(new DeadlineReachedException(lastCause));
      return;
    }
    Duration wait = r.longPollWait() == null ? null : Durations.min(r.longPollWait(), left);
    URI base = replicas.pick();
    URI target = replicas.on(base, r.uri());
    URI uri = wait == null ? target : Routes.withWait(target, wait);
    Duration timeout = Durations.min(wait == null ? requestTimeout : requestTimeout.plus(wait), left);
    Tracing.RequestTrace span = r.trace().request(r.method(), uri.toString());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    span.inject(headers);
    if (apiKey != null) {
      headers.put(Protocol.API_KEY_HEADER, apiKey);
    }
    if (r.body() != null) {
      headers.put("Content-Type", "application/json");
    }
    headers.putAll(r.headers());
    int attempt = r.attempts().incrementAndGet();
    listener.requestSent(r.jobId(), r.method(), uri, attempt);
    CompletableFuture<HttpAnswer> sent;
    try {
      sent = transport.send(new HttpCall(r.method(), uri, headers, r.body(), timeout, wait != null));
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<HttpAnswer> onWire = sent;
    out.whenComplete((answer, error) -> {
      if (out.isCancelled()) {
        onWire.cancel(true);
      }
    });
    sent.whenComplete(
        (answer, error) -> {
          if (error != null) {
            Throwable cause = Causes.unwrap(error);
            span.end(0, cause);
            if (cause instanceof RejectedExecutionException || closed.getAsBoolean()) {
              out.completeExceptionally(new ClientClosedException());
            } else if (cause instanceof IOException && (isIdempotent(r) || ReplicaFailures.isUnreachable(cause))) {
              retry(r, failures + 1, cause, null, out, base);
            } else if (cause instanceof IOException) {
              replicas.failed(base, r.jobId(), cause);
              out.completeExceptionally(new VideoTranslationException(NOT_RETRIED + cause, cause));
            } else {
              out.completeExceptionally(cause);
            }
            return;
          }
          span.end(answer.status(), null);
          if ((answer.status() == 429 || answer.status() >= 500)
              && (isIdempotent(r) || refusedBeforeProcessing(answer))) {
            ApiException cause = new ApiException(answer.status(), AnswerReader.problem(answer));
            retry(r, failures + 1, cause, AnswerReader.retryAfter(answer, clock.instant()), out, base);
          } else {
            if (answer.status() >= 500) {
              replicas.failed(base, r.jobId(), new ApiException(answer.status(), AnswerReader.problem(answer)));
            } else {
              replicas.answered(base);
            }
            out.complete(answer);
          }
        });
  }

  private void retry(
      Request r, int failures, Throwable cause, Duration retryAfter, CompletableFuture<HttpAnswer> out,
      URI base) {
    replicas.failed(base, r.jobId(), cause);
    if (failures > maxRetries) {
      out.completeExceptionally(new RetriesExhaustedException(failures, cause));
      return;
    }
    Duration delay = backoff.delay(failures, retryAfter);
    if (!clock.instant().plus(delay).isBefore(r.deadline())) {
      out.completeExceptionally(new DeadlineReachedException(cause));
      return;
    }
    listener.requestRetried(r.jobId(), r.attempts().get(), delay, cause);
    try {
      scheduler.schedule(
          () -> attempt(r, failures, cause, out), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      out.completeExceptionally(new ClientClosedException());
    }
  }

  /**
   * Returns whether sending the request twice does no harm: every GET and DELETE, and a POST that
   * carries an {@code Idempotency-Key} (the server answers a repeat with the first job). A seed
   * protocol create has no key, so a repeat after a lost answer would make a second job.
   */
  static boolean isIdempotent(Request r) {
    return !"POST".equals(r.method()) || r.headers().containsKey(Protocol.IDEMPOTENCY_KEY_HEADER);
  }

  /**
   * Returns whether the server said it did not process the request: 429, or 503 with {@code
   * Retry-After}, which the protocol defines as refusals made before any handling (a bare 503 may
   * come from a proxy that forwarded the request, so it does not count).
   */
  static boolean refusedBeforeProcessing(HttpAnswer answer) {
    return answer.status() == 429
        || (answer.status() == 503 && answer.header(Protocol.RETRY_AFTER_HEADER).isPresent());
  }

}
