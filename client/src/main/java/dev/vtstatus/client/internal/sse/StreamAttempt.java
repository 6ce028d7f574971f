package dev.vtstatus.client.internal.sse;

import dev.vtstatus.client.InvalidResponseException;
import dev.vtstatus.client.internal.http.BoundedBody;
import dev.vtstatus.protocol.Causes;
import dev.vtstatus.protocol.Protocol;
import java.io.EOFException;
import java.net.ProtocolException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * One connection attempt of an {@link EventStreamConnection}: sends the request, reads the answer
 * and, once it is an open stream, feeds its parser; reports each step to the connection, which
 * ignores the reports of an attempt it has abandoned.
 *
 * <p>Thread-safe: the HTTP client calls it from its threads, {@link #cancel()} may come from any.
 */
final class StreamAttempt implements HttpResponse.BodyHandler<Void> {
  private final EventStreamConnection connection;
  private final String sentEventId;
  private final Clock clock;
  private final Duration idleTimeout;
  private final int maxLine;
  private volatile CompletableFuture<HttpResponse<Void>> response;
  private volatile Instant lastData;
  private volatile boolean carriedData;
  private volatile Future<?> watchdog;
  private volatile EventStreamSubscriber stream;
  private volatile String errorBody = "";

  /**
   * Creates an attempt.
   *
   * @param sentEventId the {@code Last-Event-ID} it sends, or null
   * @param clock reads the time for a {@code Retry-After} given as a date and for the idle check
   * @param idleTimeout how long the open stream may carry nothing before it is given up
   * @param maxLine the longest line or event read, in characters (an error body: in bytes)
   */
  StreamAttempt(
      EventStreamConnection connection, String sentEventId, Clock clock, Duration idleTimeout,
      int maxLine) {
    this.connection = connection;
    this.sentEventId = sentEventId;
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.maxLine = maxLine;
  }

  /** Returns whether it resumes a stream, i.e. sends a {@code Last-Event-ID}. */
  boolean resumes() {
    return sentEventId != null;
  }

  /** Sends the request made by {@code builder}, adding the event-stream headers. */
  void send(HttpClient http, HttpRequest.Builder builder) {
    HttpRequest built;
    try {
      builder.setHeader("Accept", EventStreamConnection.MEDIA_TYPE);
      builder.setHeader("Cache-Control", "no-cache");
      if (sentEventId != null) {
        builder.setHeader(Protocol.LAST_EVENT_ID_HEADER, sentEventId);
      }
      built = builder.build();
    } catch (RuntimeException e) {
      // A request that cannot be built now will not be buildable on a retry either.
      connection.failed(this, e, true);
      return;
    }
    response = http.sendAsync(built, this);
    response.whenComplete(this::completed);
    if (!connection.isCurrent(this)) {
      cancel();
    }
  }

  @Override
  public BodySubscriber<Void> apply(ResponseInfo info) {
    int status = info.statusCode();
    if (status < 200 || status > 299) {
      return BodySubscribers.mapping(
          BoundedBody.subscriber(info, maxLine),
          body -> {
            errorBody = body;
            return null;
          });
    }
    String contentType =
        info.headers().firstValue("Content-Type").orElse(EventStreamConnection.MEDIA_TYPE);
    if (!isEventStream(contentType)) {
      return EventStreamSubscriber.rejecting(
          new ProtocolException(
              "event stream answered Content-Type '"
                  + contentType
                  + "', expected "
                  + EventStreamConnection.MEDIA_TYPE));
    }
    EventStreamSubscriber subscriber =
        new EventStreamSubscriber(
            new EventStreamParser(connection::received, connection::retryReceived, maxLine),
            connection::lastEventIdReceived,
            this::bytesArrived);
    stream = subscriber;
    lastData = clock.instant();
    connection.opened(this);
    if (!connection.isCurrent(this)) {
      subscriber.cancel();
    }
    return subscriber;
  }

  /** Hands over the periodic {@link #checkIdle()} task, which stops with the attempt. */
  void watchdog(Future<?> task) {
    watchdog = task;
    if (!connection.isCurrent(this)) {
      task.cancel(false);
    }
  }

  /** Gives the stream up when it has been silent for longer than the idle timeout. */
  void checkIdle() {
    if (!connection.isCurrent(this)) {
      stopWatchdog();
      return;
    }
    Duration silent = Duration.between(lastData, clock.instant());
    if (silent.compareTo(idleTimeout) > 0) {
      connection.failed(
          this,
          new HttpTimeoutException(
              "event stream silent for "
                  + silent.toMillis()
                  + " ms (idle timeout "
                  + idleTimeout
                  + ")"),
          false);
      cancel();
    }
  }

  private void bytesArrived() {
    lastData = clock.instant();
    if (!carriedData) {
      carriedData = true;
      connection.carriedData(this);
    }
  }

  private void stopWatchdog() {
    Future<?> task = watchdog;
    if (task != null) {
      task.cancel(false);
    }
  }

  /** Stops the request or the stream; the HTTP client then releases the connection. */
  void cancel() {
    stopWatchdog();
    EventStreamSubscriber open = stream;
    if (open != null) {
      open.cancel();
    }
    CompletableFuture<HttpResponse<Void>> pending = response;
    if (pending != null) {
      pending.cancel(true);
    }
  }

  private void completed(HttpResponse<Void> answer, Throwable error) {
    stopWatchdog();
    if (error != null) {
      Throwable cause = Causes.unwrap(error);
      // A wrong content type or an oversized event would come again on every reconnect.
      connection.failed(
          this, cause, cause instanceof ProtocolException || cause instanceof InvalidResponseException);
      return;
    }
    int status = answer.statusCode();
    if (status < 200 || status > 299) {
      EventStreamStatusException cause =
          new EventStreamStatusException(status, errorBody, retryAfter(answer.headers()));
      connection.failed(this, cause, cause.isPermanent());
    } else {
      connection.failed(this, new EOFException("the server ended the event stream"), false);
    }
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
    return mediaType.trim().toLowerCase(Locale.ROOT).equals(EventStreamConnection.MEDIA_TYPE);
  }
}
