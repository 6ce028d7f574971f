package dev.vtstatus.client.internal;

import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.internal.wait.EventSource;
import dev.vtstatus.client.internal.wait.Replicas;
import dev.vtstatus.client.internal.wait.Routes;
import dev.vtstatus.client.internal.sse.EventStreamConnection;
import dev.vtstatus.client.internal.sse.ReconnectBackoff;
import dev.vtstatus.client.internal.sse.ServerSentEvent;
import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.protocol.TraceParent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Makes the real event stream: {@code GET /v1/events} on the client's HTTP client, each connect
 * carrying the API key and a fresh {@code traceparent}, and reported to the listeners as a request;
 * a connect whose answer does not start within the request timeout fails.
 * Gives up after {@value #MAX_FAILURES} failed connects in a row (fewer when {@code maxRetries} is
 * lower, at least one): a stream that cannot connect should hand its waits to long polls quickly,
 * not spend their time budget reconnecting. With several replicas the stream stays on one of them
 * and moves as {@link StreamPlacement} decides, resuming on the next replica at once with {@code
 * Last-Event-ID} when its replica is gone; each replica adds one failure to the allowance, so the
 * stream tries each before it gives up. Immutable.
 */
final class JdkEventSources implements EventSource.Factory {
  /** Connect failures in a row after which the stream gives up. */
  static final int MAX_FAILURES = 3;

  private final ClientConfig config;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final WaitListener listener;
  private final Replicas replicas;

  JdkEventSources(
      ClientConfig config, HttpClient http, ScheduledExecutorService scheduler, WaitListener listener,
      Replicas replicas) {
    this.config = config;
    this.http = http;
    this.scheduler = scheduler;
    this.listener = listener;
    this.replicas = replicas;
  }

  static int failuresBeforeGivingUp(ClientConfig config) {
    return Math.max(1, Math.min(MAX_FAILURES, config.maxRetries())) + config.baseUrls().size() - 1;
  }

  @Override
  public EventSource create(EventStreamConnection.Listener streamListener) {
    URI events = new Routes(config.baseUrl()).events();
    AtomicInteger connects = new AtomicInteger();
    StreamPlacement placement = new StreamPlacement(replicas, config.clock());
    Supplier<HttpRequest.Builder> request =
        () -> {
          URI uri = replicas.on(placement.connectTo(), events);
          listener.requestSent(null, "GET", uri, connects.incrementAndGet());
          // The JDK applies a request's timeout until the answer's headers arrive, not to the
          // body: a server that accepts and never answers fails the connect, an open stream lives on.
          HttpRequest.Builder b = HttpRequest.newBuilder(uri)
              .timeout(config.requestTimeout())
              .header(Protocol.TRACEPARENT_HEADER, TraceParent.newTrace().header());
          if (config.apiKey() != null) {
            b.header(Protocol.API_KEY_HEADER, config.apiKey());
          }
          return b;
        };
    EventStreamConnection connection =
        new EventStreamConnection(
            http, request, config.clock(), scheduler, failuresBeforeGivingUp(config),
            ReconnectBackoff.DEFAULT, EventStreamConnection.DEFAULT_IDLE_TIMEOUT,
            config.limits().maxEventLine(), opening(streamListener, placement), placement::movesOn);
    return new EventSource() {
      @Override
      public void start() {
        connection.start();
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }

  /** Tells the placement when the stream opens, then the waits' listener. */
  private static EventStreamConnection.Listener opening(
      EventStreamConnection.Listener inner, StreamPlacement placement) {
    return new EventStreamConnection.Listener() {
      @Override
      public void onOpen(boolean resumed) {
        placement.opened();
        inner.onOpen(resumed);
      }

      @Override
      public void onEvent(ServerSentEvent event) {
        inner.onEvent(event);
      }

      @Override
      public void onDisconnect(Throwable cause, Duration reconnectIn) {
        inner.onDisconnect(cause, reconnectIn);
      }

      @Override
      public void onGiveUp(Throwable cause) {
        inner.onGiveUp(cause);
      }
    };
  }
}
