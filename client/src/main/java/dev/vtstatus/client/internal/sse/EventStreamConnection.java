package dev.vtstatus.client.internal.sse;

import dev.vtstatus.protocol.Protocol;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one server-sent-events stream open: connects, parses, and after the stream ends or fails
 * reconnects with jittered exponential backoff ({@link ReconnectBackoff}, honouring the server's
 * {@code retry:} and a {@code Retry-After}), sending {@code Last-Event-ID} so the server replays what
 * was missed. It gives up after {@code maxConsecutiveFailures} failures in a row, or at once on a
 * 4xx answer other than 408 and 429, or on an answer that is not {@code text/event-stream}. A stream
 * that opened and carried data (an event, a comment, a {@code retry:}) resets the count; one that
 * opens and ends without a byte counts as a failure, so a gateway that cuts every stream at once
 * makes the connection give up rather than reconnect forever.
 *
 * <p>Nothing blocks a thread: the stream is read by a non-blocking body subscriber and reconnects
 * are timers on the given scheduler. The {@link Listener} is called one call at a time, in order,
 * on the scheduler's threads (never on the HTTP client's); after {@link #close()} it is not called
 * again. Thread-safe.
 *
 * <pre>{@code
 * EventStreamConnection events = new EventStreamConnection(
 *     http, () -> HttpRequest.newBuilder(baseUrl.resolve("/v1/events")).header("X-Api-Key", key),
 *     clock, scheduler, 10, listener);
 * events.start();
 * }</pre>
 */
public final class EventStreamConnection implements AutoCloseable {
  /** The media type of an event stream. */
  public static final String MEDIA_TYPE = "text/event-stream";

  private static final Logger log = LoggerFactory.getLogger(EventStreamConnection.class);

  private final HttpClient http;
  private final Supplier<HttpRequest.Builder> request;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final int maxConsecutiveFailures;
  private final ReconnectBackoff backoff;
  private final Listener listener;
  private final SerialExecutor deliveries;

  private final Object lock = new Object();
  private boolean started;
  private boolean closed;
  private volatile boolean closedByCaller;
  private int failures;
  private Attempt current;
  private ScheduledFuture<?> reconnect;
  private volatile String lastEventId;
  private volatile Duration serverRetry;

  /**
   * Creates a connection with {@link ReconnectBackoff#DEFAULT}; see {@link
   * #EventStreamConnection(HttpClient, Supplier, Clock, ScheduledExecutorService, int,
   * ReconnectBackoff, Listener)}.
   */
  public EventStreamConnection(
      HttpClient http,
      Supplier<HttpRequest.Builder> request,
      Clock clock,
      ScheduledExecutorService scheduler,
      int maxConsecutiveFailures,
      Listener listener) {
    this(http, request, clock, scheduler, maxConsecutiveFailures, ReconnectBackoff.DEFAULT, listener);
  }

  /**
   * Creates a connection; nothing happens until {@link #start()}.
   *
   * @param http the client that sends the requests
   * @param request makes each attempt's request ({@code GET} of the stream with credentials and
   *     trace context); the connection sets {@code Accept} and {@code Last-Event-ID} itself
   * @param clock reads the time for a {@code Retry-After} given as a date
   * @param scheduler runs reconnect timers and the listener calls
   * @param maxConsecutiveFailures failures in a row before giving up, at least 1
   * @param backoff the reconnect delays
   * @param listener receives the stream's events and state changes
   */
  public EventStreamConnection(
      HttpClient http,
      Supplier<HttpRequest.Builder> request,
      Clock clock,
      ScheduledExecutorService scheduler,
      int maxConsecutiveFailures,
      ReconnectBackoff backoff,
      Listener listener) {
    this.http = Objects.requireNonNull(http, "http");
    this.request = Objects.requireNonNull(request, "request");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    if (maxConsecutiveFailures < 1) {
      throw new IllegalArgumentException(
          "maxConsecutiveFailures must be at least 1, was " + maxConsecutiveFailures);
    }
    this.maxConsecutiveFailures = maxConsecutiveFailures;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.deliveries = new SerialExecutor(scheduler);
  }

  /** Connects asynchronously; a second call, or a call after {@link #close()}, does nothing. */
  public void start() {
    synchronized (lock) {
      if (started || closed) {
        return;
      }
      started = true;
    }
    connect();
  }

  /**
   * Closes the stream and cancels a pending reconnect. Idempotent; the listener is not called
   * afterwards, not even {@link Listener#onGiveUp}.
   */
  @Override
  public void close() {
    Attempt attempt;
    ScheduledFuture<?> pending;
    synchronized (lock) {
      closedByCaller = true;
      closed = true;
      attempt = current;
      current = null;
      pending = reconnect;
      reconnect = null;
    }
    if (pending != null) {
      pending.cancel(false);
    }
    if (attempt != null) {
      attempt.cancel();
    }
  }

  /** Returns the id of the last event received, the one a reconnect sends, or null if none yet. */
  public String lastEventId() {
    return lastEventId;
  }

  private void connect() {
    Attempt attempt;
    synchronized (lock) {
      reconnect = null;
      if (closed) {
        return;
      }
      attempt = new Attempt(lastEventId);
      current = attempt;
    }
    attempt.send();
  }

  private void opened(Attempt attempt) {
    synchronized (lock) {
      if (closed || current != attempt) {
        return;
      }
      deliver(() -> listener.onOpen(attempt.sentEventId != null));
    }
  }

  private void carriedData(Attempt attempt) {
    synchronized (lock) {
      if (!closed && current == attempt) {
        failures = 0;
      }
    }
  }

  private void failed(Attempt attempt, Throwable cause, boolean permanent) {
    synchronized (lock) {
      if (closed || current != attempt) {
        return;
      }
      current = null;
      failures++;
      if (permanent || failures >= maxConsecutiveFailures) {
        closed = true;
        log.debug("event stream gives up after {} failure(s)", failures, cause);
        deliver(() -> listener.onGiveUp(cause));
        return;
      }
      Duration retryAfter =
          cause instanceof EventStreamStatusException
              ? ((EventStreamStatusException) cause).retryAfter().orElse(null)
              : null;
      Duration delay =
          backoff.delay(failures, serverRetry, retryAfter, ThreadLocalRandom.current().nextDouble());
      log.debug("event stream lost ({}), reconnecting in {}", cause.toString(), delay);
      deliver(() -> listener.onDisconnect(cause, delay));
      try {
        reconnect = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        closed = true;
        log.debug("event stream stops: the scheduler is shut down", e);
      }
    }
  }

  private void deliver(Runnable call) {
    deliveries.execute(
        () -> {
          if (!closedByCaller) {
            call.run();
          }
        });
  }

  private Duration retryAfter(HttpHeaders headers) {
    String value = headers.firstValue(Protocol.RETRY_AFTER_HEADER).map(String::trim).orElse("");
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration until = Duration.between(clock.instant(), at.toInstant());
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException neither) {
        return null;
      }
    }
  }

  private static boolean isEventStream(String contentType) {
    int semicolon = contentType.indexOf(';');
    String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return mediaType.trim().toLowerCase(Locale.ROOT).equals(MEDIA_TYPE);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** One connection attempt: its request, its answer and, once open, its stream. */
  private final class Attempt implements HttpResponse.BodyHandler<Void> {
    final String sentEventId;
    private volatile CompletableFuture<HttpResponse<Void>> response;
    private volatile EventStreamSubscriber stream;
    private volatile String errorBody = "";

    Attempt(String sentEventId) {
      this.sentEventId = sentEventId;
    }

    void send() {
      HttpRequest built;
      try {
        HttpRequest.Builder builder = request.get();
        builder.setHeader("Accept", MEDIA_TYPE);
        builder.setHeader("Cache-Control", "no-cache");
        if (sentEventId != null) {
          builder.setHeader(Protocol.LAST_EVENT_ID_HEADER, sentEventId);
        }
        built = builder.build();
      } catch (RuntimeException e) {
        // A request that cannot be built now will not be buildable on a retry either.
        failed(this, e, true);
        return;
      }
      response = http.sendAsync(built, this);
      response.whenComplete(this::completed);
      if (isAbandoned()) {
        cancel();
      }
    }

    @Override
    public BodySubscriber<Void> apply(ResponseInfo info) {
      int status = info.statusCode();
      if (status < 200 || status > 299) {
        return BodySubscribers.mapping(
            BodySubscribers.ofString(StandardCharsets.UTF_8),
            body -> {
              errorBody = body;
              return null;
            });
      }
      String contentType = info.headers().firstValue("Content-Type").orElse(MEDIA_TYPE);
      if (!isEventStream(contentType)) {
        return EventStreamSubscriber.rejecting(
            new ProtocolException(
                "event stream answered Content-Type '" + contentType + "', expected " + MEDIA_TYPE));
      }
      EventStreamSubscriber subscriber =
          new EventStreamSubscriber(
              new EventStreamParser(
                  event -> deliver(() -> listener.onEvent(event)), retry -> serverRetry = retry),
              id -> lastEventId = id.isEmpty() ? null : id,
              () -> carriedData(this));
      stream = subscriber;
      opened(this);
      if (isAbandoned()) {
        subscriber.cancel();
      }
      return subscriber;
    }

    private void completed(HttpResponse<Void> answer, Throwable error) {
      if (error != null) {
        Throwable cause = unwrap(error);
        failed(this, cause, cause instanceof ProtocolException);
        return;
      }
      int status = answer.statusCode();
      if (status < 200 || status > 299) {
        EventStreamStatusException cause =
            new EventStreamStatusException(status, errorBody, retryAfter(answer.headers()));
        failed(this, cause, cause.isPermanent());
      } else {
        failed(this, new EOFException("the server ended the event stream"), false);
      }
    }

    private boolean isAbandoned() {
      synchronized (lock) {
        return current != this;
      }
    }

    void cancel() {
      EventStreamSubscriber open = stream;
      if (open != null) {
        open.cancel();
      }
      CompletableFuture<HttpResponse<Void>> pending = response;
      if (pending != null) {
        pending.cancel(true);
      }
    }
  }

  /**
   * Receives what one event stream carries. The connection calls these one at a time, in order, on
   * its scheduler's threads; a method that throws is logged and ignored.
   */
  public interface Listener {
    /**
     * The stream is open.
     *
     * @param resumed whether a {@code Last-Event-ID} was sent, so the server replays missed events
     */
    void onOpen(boolean resumed);

    /** One event, whatever its type (including the server's {@code reset}). */
    void onEvent(ServerSentEvent event);

    /**
     * The stream ended or could not be opened; the connection tries again.
     *
     * @param cause why: an {@link IOException}, an {@link EOFException} when the server ended the
     *     stream, or an {@link EventStreamStatusException} for a non-2xx answer
     * @param reconnectIn the delay before the next attempt
     */
    void onDisconnect(Throwable cause, Duration reconnectIn);

    /**
     * The connection stopped trying and is closed: too many failures in a row, or an answer that
     * retrying cannot fix. Called at most once, and last.
     */
    void onGiveUp(Throwable cause);
  }
}
