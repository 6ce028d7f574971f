package dev.vtstatus.client.internal.http;

import dev.vtstatus.protocol.Causes;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The JDK {@link HttpClient} on a bounded executor that this transport owns (the JDK default is an
 * unbounded cached pool). AnswerReader are handed to the client's executor, so no caller code runs on
 * the HTTP threads. At most {@code maxInFlight} requests are on the wire at once (so at most that
 * many connections), long polls aside, which the server holds on purpose; the rest queue without a
 * thread, and the time a request queued is taken off its timeout, so it still ends by its deadline.
 * The JDK's request timeout covers only the wait for the answer's headers, so a timer also ends a
 * request whose body has not fully arrived by then; bodies are read up to {@code maxAnswerSize}
 * bytes ({@link BoundedBody}). Thread-safe.
 */
public final class JdkTransport implements Transport {
  /** Lets the JDK's own header timeout, which names the request, fire first. */
  private static final Duration LATE_BODY_GRACE = Duration.ofMillis(50);
  private final HttpClient http;
  private final ExecutorService httpExecutor;
  private final ScheduledExecutorService callbackExecutor;
  private final int maxAnswerSize;
  private final Clock clock;
  private final int maxInFlight;
  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private int inFlight;

  private record Queued(HttpCall call, Instant queuedAt, CompletableFuture<HttpAnswer> answer) {}

  /**
   * Creates the transport.
   *
   * @param httpExecutor the bounded executor for the HTTP client; shut down by {@link #close()}
   * @param callbackExecutor where answers are delivered, and the timers that end late bodies run
   * @param connectTimeout the longest a connect may take
   * @param clock measures how long a request queued
   * @param maxInFlight the most requests on the wire at once
   * @param maxAnswerSize the largest answer body read, in bytes
   */
  public JdkTransport(
      ExecutorService httpExecutor,
      ScheduledExecutorService callbackExecutor,
      Duration connectTimeout,
      Clock clock,
      int maxInFlight,
      int maxAnswerSize) {
    this.httpExecutor = httpExecutor;
    this.maxAnswerSize = maxAnswerSize;
    this.callbackExecutor = callbackExecutor;
    this.clock = clock;
    this.maxInFlight = maxInFlight;
    this.http =
        HttpClient.newBuilder()
            .executor(httpExecutor)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Returns the underlying HTTP client, for the event stream. */
  public HttpClient httpClient() {
    return http;
  }

  @Override
  public CompletableFuture<HttpAnswer> send(HttpCall call) {
    CompletableFuture<HttpAnswer> answer = new CompletableFuture<>();
    if (call.held()) {
      dispatch(call, answer);
      return answer;
    }
    synchronized (queue) {
      if (inFlight >= maxInFlight) {
        queue.add(new Queued(call, clock.instant(), answer));
        return answer;
      }
      inFlight++;
    }
    dispatch(call, answer);
    return answer;
  }

  private void finished() {
    Queued next;
    synchronized (queue) {
      next = queue.poll();
      if (next == null) {
        inFlight--;
        return;
      }
    }
    if (next.answer().isDone()) {
      finished();
      return;
    }
    Duration left = next.call().timeout().minus(Duration.between(next.queuedAt(), clock.instant()));
    if (left.isNegative() || left.isZero()) {
      deliver(next.answer(), null, new HttpTimeoutException("request timed out while queued"));
      finished();
      return;
    }
    HttpCall call = next.call();
    dispatch(new HttpCall(call.method(), call.uri(), call.headers(), call.body(), left, false), next.answer());
  }

  private void deliver(CompletableFuture<HttpAnswer> answer, HttpAnswer value, Throwable error) {
    try {
      callbackExecutor.execute(
          () -> {
            if (error != null) {
              answer.completeExceptionally(error);
            } else {
              answer.complete(value);
            }
          });
    } catch (RejectedExecutionException closed) {
      answer.completeExceptionally(closed);
    }
  }

  private void dispatch(HttpCall call, CompletableFuture<HttpAnswer> answer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).timeout(call.timeout());
    call.headers().forEach(request::header);
    request.method(
        call.method(),
        call.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(call.body()));
    CompletableFuture<HttpResponse<String>> sent;
    try {
      sent = http.sendAsync(request.build(), BoundedBody.handler(maxAnswerSize));
    } catch (RuntimeException e) {
      deliver(answer, null, e);
      if (!call.held()) {
        finished();
      }
      return;
    }
    Future<?> late = lateBodyTimer(call, sent);
    answer.whenComplete((value, error) -> {
      late.cancel(false);
      if (answer.isCancelled()) {
        sent.cancel(true);
      }
    });
    sent.whenComplete(
        (response, error) -> {
          if (!call.held()) {
            finished();
          }
          if (error != null) {
            deliver(answer, null, Causes.unwrap(error));
          } else {
            deliver(answer, new HttpAnswer(response.statusCode(), response.headers().map(), response.body()), null);
          }
        });
  }

  /** Ends the request when its whole answer has not arrived within its timeout (plus a grace). */
  private Future<?> lateBodyTimer(HttpCall call, CompletableFuture<HttpResponse<String>> sent) {
    try {
      return callbackExecutor.schedule(() -> {
        sent.completeExceptionally(new HttpTimeoutException(
            "the answer did not arrive in full within " + call.timeout().toMillis() + " ms"));
        sent.cancel(true);
      }, call.timeout().plus(LATE_BODY_GRACE).toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      return CompletableFuture.completedFuture(null);
    }
  }

  @Override
  public void close() {
    List<Queued> dropped;
    synchronized (queue) {
      dropped = new ArrayList<>(queue);
      queue.clear();
    }
    dropped.forEach(q -> q.answer().completeExceptionally(new RejectedExecutionException("transport closed")));
    httpExecutor.shutdownNow();
  }
}
