package dev.vtstatus.server.internal.webhook;

import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.protocol.WebhookSignature;
import dev.vtstatus.server.internal.jobs.JobLog;
import dev.vtstatus.server.internal.jobs.Scheduler;
import dev.vtstatus.server.internal.jobs.Traces;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import dev.vtstatus.server.internal.store.WebhookQueue;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a job's final state to its {@code callback_url}, signed the Standard Webhooks way. A
 * non-2xx answer, an attempt not complete within the timeout (from connecting to the last byte of
 * the answer) or a connection failure is retried after a jittered exponential delay
 * ({@link #FIRST_RETRY} doubling up to {@link #MAX_RETRY}, each delay drawn uniformly from its
 * upper half), at most {@link #MAX_ATTEMPTS} attempts in all; {@code 410 Gone} stops at once.
 * The {@code webhook-id} is the same on every attempt, so a receiver can drop duplicates.
 *
 * <p>Thread-safe; never blocks.
 */
public final class WebhookSender {
  /** The most attempts per webhook. */
  public static final int MAX_ATTEMPTS = 8;
  static final Duration FIRST_RETRY = Duration.ofMillis(200);
  static final Duration MAX_RETRY = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  private final Vertx vertx;
  private final Scheduler scheduler;
  private final WebhookQueue queue;
  private final Runnable onRetryDue;
  private final HttpClient client;
  private final WebhookSignature signature;
  private final ServerMetrics metrics;
  private final Clock clock;
  private final Duration timeout;

  /**
   * Creates a sender signing with {@code secret}; a failed attempt is put back in {@code queue},
   * and {@code onRetryDue} runs when it is due, to claim it again (on whichever replica is first).
   *
   * @param timeout how long one attempt may take in all: waiting for a pooled connection,
   *     connecting, sending and reading the whole answer
   */
  public WebhookSender(Vertx vertx, Scheduler scheduler, WebhookQueue queue, Runnable onRetryDue,
      String secret, ServerMetrics metrics, Clock clock, Duration timeout) {
    this.vertx = vertx;
    this.scheduler = scheduler;
    this.queue = queue;
    this.onRetryDue = onRetryDue;
    this.signature = WebhookSignature.forSecret(secret);
    this.metrics = metrics;
    this.clock = clock;
    this.timeout = timeout;
    this.client = vertx.createHttpClient(
        new HttpClientOptions().setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())),
        new PoolOptions().setHttp1MaxSize(16));
  }

  /**
   * Returns how long a replica holds a claimed delivery before another may take it: longer than
   * one attempt, so that only a replica that died mid-attempt loses its claim.
   */
  public Duration lease() {
    return timeout.plusSeconds(5);
  }

  /**
   * Makes the delivery's attempt, claimed by this replica, connecting to its {@code address}: the
   * IP address the callback URL was checked against at create, so that a DNS answer that changed
   * since cannot redirect the delivery. Returns at once.
   */
  public void send(WebhookQueue.Delivery d) {
    attempt(d.jobId(), d.traceId(), d.target(), d.address(), d.body(), "msg_" + d.jobId(), d.attempt());
  }

  private void attempt(
      String jobId, String traceId, URI target, String address, String body, String messageId, int attempt) {
    long timestamp = clock.instant().getEpochSecond();
    int port = target.getPort() >= 0 ? target.getPort() : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(target.toString())
        .setServer(SocketAddress.inetSocketAddress(port, address))
        .putHeader("content-type", "application/json")
        .putHeader("user-agent", "vtstatus-server")
        .putHeader(Protocol.WEBHOOK_ID_HEADER, messageId)
        .putHeader(Protocol.WEBHOOK_TIMESTAMP_HEADER, Long.toString(timestamp))
        .putHeader(Protocol.WEBHOOK_SIGNATURE_HEADER, signature.sign(messageId, timestamp, body))
        .putHeader(Protocol.TRACEPARENT_HEADER, Traces.header(traceId));
    exchange(options, body).onComplete(result -> {
          int status = result.succeeded() ? result.result() : -1;
          if (status >= 200 && status < 300) {
            metrics.webhookDelivered();
            JobLog.info(LOG, jobId, traceId, "webhook delivered job_id={} trace_id={} attempt={} status={}",
                jobId, traceId, attempt, status);
            queue.done(jobId);
            return;
          }
          metrics.webhookAttemptFailed();
          String why = result.succeeded() ? "status " + status : String.valueOf(result.cause().getMessage());
          if (status == 410 || attempt >= MAX_ATTEMPTS) {
            metrics.webhookAbandoned();
            JobLog.warn(LOG, jobId, traceId, "webhook abandoned job_id={} trace_id={} attempt={} reason={}",
                jobId, traceId, attempt, status == 410 ? "410 Gone" : why);
            queue.done(jobId);
            return;
          }
          Duration delay = backoff(attempt);
          JobLog.info(LOG, jobId, traceId, "webhook retry job_id={} trace_id={} attempt={} reason={} delay_ms={}",
              jobId, traceId, attempt, why, delay.toMillis());
          // the retry is state in the store, so that another replica makes it if this one is gone
          queue.retry(jobId, attempt + 1, clock.instant().plus(delay))
              .onSuccess(v -> scheduler.schedule(delay, onRetryDue));
        });
  }

  /**
   * Sends one attempt and completes with the answer's status once its last byte is read, or fails
   * when that takes longer than the timeout (the client's own timeouts end once headers arrive, so
   * a receiver that sends headers and stalls would hold the attempt forever).
   */
  private Future<Integer> exchange(RequestOptions options, String body) {
    Promise<Integer> exchange = Promise.promise();
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
      if (exchange.tryFail("no complete answer within " + timeout.toMillis() + " ms")) {
        HttpClientRequest request = sent.get();
        if (request != null) {
          request.reset();
        }
      }
    });
    client.request(options)
        .compose(request -> {
          sent.set(request);
          if (exchange.future().isComplete()) {
            request.reset();
          }
          return request.send(Buffer.buffer(body));
        })
        .compose(response -> {
          // the answer's body is read and dropped, never held: a receiver may send any amount
          response.handler(chunk -> { });
          return response.end().map(ignored -> response.statusCode());
        })
        .onComplete(result -> {
          vertx.cancelTimer(timer);
          if (result.succeeded()) {
            exchange.tryComplete(result.result());
          } else {
            exchange.tryFail(result.cause());
          }
        });
    return exchange.future();
  }

  /** Returns the delay before attempt {@code attempt + 1}: uniform in the upper half of the cap. */
  static Duration backoff(int attempt) {
    long cap = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(20, attempt - 1));
    return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
  }

  /** Releases the HTTP client. */
  public void close() {
    client.close();
  }
}
