package dev.vtstatus.client.internal.sse;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one server-sent-events stream open: connects, parses, and after the stream ends or fails
 * reconnects with jittered exponential backoff ({@link ReconnectBackoff}, honouring the server's
 * {@code retry:} and a {@code Retry-After}), sending {@code Last-Event-ID} so the server replays
 * what was missed. It gives up after {@code maxConsecutiveFailures} failures in a row, or at once
 * on a 4xx answer other than 408 and 429, or on an answer that is not {@code text/event-stream}. A
 * stream that opened and carried data (an event, a comment, a {@code retry:}) resets the count; one
 * that opens and ends without a byte counts as a failure, so a gateway that cuts every stream at
 * once makes the connection give up rather than reconnect forever.
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

  /** How long a stream may stay silent before it is taken for dead: 45 s. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(45);

  private static final Logger log = LoggerFactory.getLogger(EventStreamConnection.class);

  private final HttpClient http;
  private final Supplier<HttpRequest.Builder> request;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final int maxConsecutiveFailures;
  private final ReconnectBackoff backoff;
  private final Duration idleTimeout;
  private final int maxLine;
  private final Listener listener;
  private final Predicate<Throwable> movesOn;
  private final SerialExecutor deliveries;

  private final Object lock = new Object();
  private boolean started;
  private boolean closed;
  private volatile boolean closedByCaller;
  private int failures;
  private StreamAttempt current;
  private ScheduledFuture<?> reconnect;
  private volatile String lastEventId;
  private volatile Duration serverRetry;

  /**
   * Creates a connection with {@link ReconnectBackoff#DEFAULT} and {@link #DEFAULT_IDLE_TIMEOUT};
   * see {@link #EventStreamConnection(HttpClient, Supplier, Clock, ScheduledExecutorService, int,
   * ReconnectBackoff, Duration, int, Listener)}.
   */
  public EventStreamConnection(
      HttpClient http,
      Supplier<HttpRequest.Builder> request,
      Clock clock,
      ScheduledExecutorService scheduler,
      int maxConsecutiveFailures,
      Listener listener) {
    this(
        http,
        request,
        clock,
        scheduler,
        maxConsecutiveFailures,
        ReconnectBackoff.DEFAULT,
        DEFAULT_IDLE_TIMEOUT,
        EventStreamParser.DEFAULT_MAX_LINE,
        listener,
        cause -> false);
  }

  /**
   * Creates a connection; nothing happens until {@link #start()}.
   *
   * @param http the client that sends the requests
   * @param request makes each attempt's request ({@code GET} of the stream with credentials and
   *     trace context); the connection sets {@code Accept} and {@code Last-Event-ID} itself
   * @param clock reads the time for a {@code Retry-After} given as a date, and for the idle check
   * @param scheduler runs reconnect timers, idle checks and the listener calls
   * @param maxConsecutiveFailures failures in a row before giving up, at least 1
   * @param backoff the reconnect delays
   * @param idleTimeout how long an open stream may carry nothing (not even a heartbeat comment)
   *     before it is closed and replaced; positive
   * @param maxLine the longest line, and event, read, in characters; a longer one ends the stream
   *     for good, since it would come again on every reconnect
   * @param listener receives the stream's events and state changes
   * @param movesOn told of each failure that does not end the connection; returns whether it moved
   *     the stream to another server (a replica that is still up), so the next attempt goes there at
   *     once instead of after the backoff, which is about the server that failed
   */
  public EventStreamConnection(
      HttpClient http,
      Supplier<HttpRequest.Builder> request,
      Clock clock,
      ScheduledExecutorService scheduler,
      int maxConsecutiveFailures,
      ReconnectBackoff backoff,
      Duration idleTimeout,
      int maxLine,
      Listener listener,
      Predicate<Throwable> movesOn) {
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
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
    }
    this.idleTimeout = idleTimeout;
    this.maxLine = maxLine;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.movesOn = Objects.requireNonNull(movesOn, "movesOn");
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
    StreamAttempt attempt;
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
    StreamAttempt attempt;
    synchronized (lock) {
      reconnect = null;
      if (closed) {
        return;
      }
      attempt = new StreamAttempt(this, lastEventId, clock, idleTimeout, maxLine);
      current = attempt;
    }
    HttpRequest.Builder builder;
    try {
      builder = request.get();
    } catch (RuntimeException e) {
      failed(attempt, e, true);
      return;
    }
    attempt.send(http, builder);
  }

  /** Returns whether {@code attempt} is the live one (not superseded, not closed). */
  boolean isCurrent(StreamAttempt attempt) {
    synchronized (lock) {
      return !closed && current == attempt;
    }
  }

  /** The attempt's answer is an open stream: watch it for silence and tell the listener. */
  void opened(StreamAttempt attempt) {
    synchronized (lock) {
      if (closed || current != attempt) {
        return;
      }
      deliver(() -> listener.onOpen(attempt.resumes()));
      long period = Math.max(1, idleTimeout.toMillis() / 4);
      try {
        attempt.watchdog(
            scheduler.scheduleWithFixedDelay(
                attempt::checkIdle, period, period, TimeUnit.MILLISECONDS));
      } catch (RejectedExecutionException e) {
        log.debug("event stream runs without an idle check: the scheduler is shut down", e);
      }
    }
  }

  /** The attempt's stream carried its first bytes: it works, so the failures in a row end. */
  void carriedData(StreamAttempt attempt) {
    synchronized (lock) {
      if (!closed && current == attempt) {
        failures = 0;
      }
    }
  }

  /** An event was parsed; the live attempt's parser is the only one feeding. */
  void received(ServerSentEvent event) {
    deliver(() -> listener.onEvent(event));
  }

  /** The server sent {@code retry:}. */
  void retryReceived(Duration retry) {
    serverRetry = retry;
  }

  /** The stream's last event id changed ({@code ""} clears it). */
  void lastEventIdReceived(String id) {
    lastEventId = id.isEmpty() ? null : id;
  }

  /**
   * The attempt could not open or its stream ended: reconnect after a backoff, or give up when
   * {@code permanent} or after too many failures in a row.
   */
  void failed(StreamAttempt attempt, Throwable cause, boolean permanent) {
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
      Duration delay = movesOn.test(cause) ? Duration.ZERO
          : backoff.delay(failures, serverRetry, retryAfter, ThreadLocalRandom.current().nextDouble());
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
     * @param cause why: an {@link java.io.IOException}, an {@link java.io.EOFException} when the
     *     server ended the stream, or an {@link EventStreamStatusException} for a non-2xx answer
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
