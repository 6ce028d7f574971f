package dev.vtstatus.client.internal.sse;

import dev.vtstatus.client.InvalidResponseException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns {@code text/event-stream} text into {@link ServerSentEvent}s, following the WHATWG HTML
 * "event stream interpretation" rules: lines end in CRLF, LF or CR; a line starting with {@code :}
 * is a comment; a line without a colon is a field with an empty value; one space after the colon is
 * dropped; {@code data:} lines are joined by {@code \n}; {@code id:} sets the last event id (unless
 * it contains NUL) and persists across events; {@code retry:} with only ASCII digits sets the
 * reconnection time; unknown fields are ignored; a blank line dispatches the event, unless it has
 * no data; a leading byte order mark is skipped.
 *
 * <p>A line, or an event's data, longer than the parser's limit fails the stream with {@link
 * InvalidResponseException} naming the limit, so a hostile stream cannot grow them without bound.
 *
 * <p>One parser reads one connection's stream. Not thread-safe: feed it from one thread at a time.
 */
public final class EventStreamParser {
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final String DEFAULT_EVENT_TYPE = "message";
  /** The default limit of a line and of an event's data, in characters: 1 MiB. */
  public static final int DEFAULT_MAX_LINE = 1 << 20;

  private final Consumer<ServerSentEvent> events;
  private final Consumer<Duration> retries;
  private final int maxLine;

  private final StringBuilder line = new StringBuilder();
  private final StringBuilder data = new StringBuilder();
  private String eventType = "";
  private String lastEventIdBuffer = "";
  private String lastEventId;
  private boolean afterCarriageReturn;
  private boolean started;

  /**
   * Creates a parser.
   *
   * @param events receives each dispatched event, on the feeding thread
   * @param retries receives each valid {@code retry:} value, on the feeding thread
   */
  public EventStreamParser(Consumer<ServerSentEvent> events, Consumer<Duration> retries) {
    this(events, retries, DEFAULT_MAX_LINE);
  }

  /**
   * Creates a parser with a limit.
   *
   * @param maxLine the longest line, and the longest data of one event, in characters
   */
  public EventStreamParser(Consumer<ServerSentEvent> events, Consumer<Duration> retries, int maxLine) {
    this.events = Objects.requireNonNull(events, "events");
    this.retries = Objects.requireNonNull(retries, "retries");
    this.maxLine = maxLine;
  }

  /**
   * Parses the next piece of the stream. A line or an event may span any number of pieces,
   * including a CRLF split between two of them.
   *
   * @throws InvalidResponseException when a line or an event's data grows past the limit
   */
  public void feed(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!started) {
        started = true;
        if (c == BYTE_ORDER_MARK) {
          continue;
        }
      }
      if (afterCarriageReturn) {
        afterCarriageReturn = false;
        if (c == '\n') {
          continue;
        }
      }
      if (c == '\r') {
        afterCarriageReturn = true;
        endLine();
      } else if (c == '\n') {
        endLine();
      } else {
        if (line.length() >= maxLine) {
          throw tooLong("line");
        }
        line.append(c);
      }
    }
  }

  /**
   * Returns the stream's last event id as of the last dispatch: empty until a blank line has been
   * read, then the id in force at that moment ({@code ""} if the stream cleared or never set it).
   * This is the value a reconnecting client sends as {@code Last-Event-ID}.
   */
  public Optional<String> lastEventId() {
    return Optional.ofNullable(lastEventId);
  }

  private void endLine() {
    String complete = line.toString();
    line.setLength(0);
    processLine(complete);
  }

  private void processLine(String text) {
    if (text.isEmpty()) {
      dispatch();
      return;
    }
    if (text.charAt(0) == ':') {
      return;
    }
    int colon = text.indexOf(':');
    String field;
    String value;
    if (colon < 0) {
      field = text;
      value = "";
    } else {
      field = text.substring(0, colon);
      int start = colon + 1;
      if (start < text.length() && text.charAt(start) == ' ') {
        start++;
      }
      value = text.substring(start);
    }
    processField(field, value);
  }

  private void processField(String field, String value) {
    switch (field) {
      case "event":
        eventType = value;
        break;
      case "data":
        if (data.length() + value.length() >= maxLine) {
          throw tooLong("event's data");
        }
        data.append(value).append('\n');
        break;
      case "id":
        if (value.indexOf('\0') < 0) {
          lastEventIdBuffer = value;
        }
        break;
      case "retry":
        parseRetry(value).ifPresent(retries);
        break;
      default:
        break;
    }
  }

  private InvalidResponseException tooLong(String what) {
    line.setLength(0);
    data.setLength(0);
    return new InvalidResponseException("event stream " + what + " over the limit of " + maxLine
        + " characters (maxEventLineLength); the stream was closed");
  }

  private static Optional<Duration> parseRetry(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Duration.ofMillis(Long.parseLong(value)));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  private void dispatch() {
    lastEventId = lastEventIdBuffer;
    if (data.length() == 0) {
      eventType = "";
      return;
    }
    data.setLength(data.length() - 1);
    ServerSentEvent event =
        new ServerSentEvent(
            lastEventIdBuffer.isEmpty() ? null : lastEventIdBuffer,
            eventType.isEmpty() ? DEFAULT_EVENT_TYPE : eventType,
            data.toString());
    data.setLength(0);
    eventType = "";
    events.accept(event);
  }
}
