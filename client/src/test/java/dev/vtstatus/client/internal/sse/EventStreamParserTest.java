package dev.vtstatus.client.internal.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.InvalidResponseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventStreamParserTest {
  private final List<ServerSentEvent> events = new ArrayList<>();
  private final List<Duration> retries = new ArrayList<>();
  private final EventStreamParser parser = new EventStreamParser(events::add, retries::add);

  @Test
  void aLineLongerThanTheLimitFailsNamingItWithoutHoldingMore() {
    // Given
    EventStreamParser small = new EventStreamParser(events::add, retries::add, 1024);
    small.feed("data: " + "x".repeat(1000));

    // When / Then: the line is cut off at the limit, even fed in pieces
    assertThatThrownBy(() -> small.feed("x".repeat(100)))
        .isInstanceOf(InvalidResponseException.class)
        .hasMessageContaining("line over the limit of 1024 characters (maxEventLineLength)");
    assertThat(events).isEmpty();
  }

  @Test
  void anEventWhoseDataLinesTogetherPassTheLimitFails() {
    // Given: short lines, never a blank one
    EventStreamParser small = new EventStreamParser(events::add, retries::add, 1024);

    // When / Then
    assertThatThrownBy(() -> {
      for (int i = 0; i < 20; i++) {
        small.feed("data: " + "y".repeat(100) + "\n");
      }
    }).isInstanceOf(InvalidResponseException.class).hasMessageContaining("event's data over the limit");
    assertThat(events).isEmpty();
  }

  @Test
  void anEventJustUnderTheLimitIsRead() {
    // Given
    EventStreamParser small = new EventStreamParser(events::add, retries::add, 1024);

    // When
    small.feed("data: " + "z".repeat(1000) + "\n\n");

    // Then
    assertThat(events).singleElement().satisfies(e -> assertThat(e.data()).hasSize(1000));
  }

  @Test
  void joinsDataLinesWithLineFeeds() {
    // When
    parser.feed("data: first\ndata: second\ndata:\ndata: third\n\n");

    // Then
    assertThat(events)
        .containsExactly(new ServerSentEvent(null, "message", "first\nsecond\n\nthird"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\r"})
  void acceptsEveryLineEnding(String end) {
    // When
    parser.feed("id: 7" + end + "event: job" + end + "data: a" + end + "data: b" + end + end);

    // Then
    assertThat(events).containsExactly(new ServerSentEvent("7", "job", "a\nb"));
  }

  @Test
  void treatsCarriageReturnLineFeedSplitBetweenPiecesAsOneLineEnd() {
    // When
    parser.feed("data: a\r");
    parser.feed("\ndata: b\r");
    parser.feed("\n\r");
    parser.feed("\n");

    // Then
    assertThat(events).containsExactly(new ServerSentEvent(null, "message", "a\nb"));
  }

  @Test
  void parsesTheSameWhenFedOneCharacterAtATime() {
    // Given
    String stream =
        "retry: 25\r\nid: 1\r\nevent: job\r\ndata: {\"a\":1}\r\n\r\n: ping\r\ndata: x\r\n\r\n";

    // When
    for (char c : stream.toCharArray()) {
      parser.feed(String.valueOf(c));
    }

    // Then
    assertThat(events)
        .containsExactly(
            new ServerSentEvent("1", "job", "{\"a\":1}"), new ServerSentEvent("1", "message", "x"));
    assertThat(retries).containsExactly(Duration.ofMillis(25));
  }

  @Test
  void dispatchesOnlyOnABlankLine() {
    // When
    parser.feed("data: complete\n\ndata: never finished\n");

    // Then
    assertThat(events).extracting(ServerSentEvent::data).containsExactly("complete");
  }

  @Test
  void ignoresComments() {
    // When
    parser.feed(": heartbeat\ndata: x\n:another: one\n\n:\n\n");

    // Then
    assertThat(events).containsExactly(new ServerSentEvent(null, "message", "x"));
  }

  @Test
  void readsAFieldWithoutColonAsAnEmptyValue() {
    // When
    parser.feed("data\ndata\n\nevent\ndata: y\n\n");

    // Then
    assertThat(events)
        .containsExactly(
            new ServerSentEvent(null, "message", "\n"), new ServerSentEvent(null, "message", "y"));
  }

  @Test
  void stripsOnlyOneLeadingSpaceOfAValue() {
    // When
    parser.feed("data:no space\ndata:  two spaces\ndata:\ttab\n\n");

    // Then
    assertThat(events)
        .extracting(ServerSentEvent::data)
        .containsExactly("no space\n two spaces\n\ttab");
  }

  @Test
  void keepsTheLastIdForLaterEventsUntilChanged() {
    // When
    parser.feed("id: 5\ndata: a\n\ndata: b\n\nid: 6\ndata: c\n\nid\ndata: d\n\n");

    // Then
    assertThat(events).extracting(ServerSentEvent::id).containsExactly("5", "5", "6", null);
    assertThat(parser.lastEventId()).contains("");
  }

  @Test
  void ignoresAnIdContainingNul() {
    // When
    parser.feed("id: 3\ndata: a\n\nid: 4\u0000x\ndata: b\n\n");

    // Then
    assertThat(events).extracting(ServerSentEvent::id).containsExactly("3", "3");
  }

  @Test
  void updatesTheLastEventIdEvenWhenAnEventHasNoData() {
    // When
    parser.feed("id: 9\nevent: reset\n\n");

    // Then
    assertThat(events).isEmpty();
    assertThat(parser.lastEventId()).contains("9");
  }

  @Test
  void reportsNoLastEventIdBeforeTheFirstDispatch() {
    // When
    parser.feed("id: 9\ndata: pending");

    // Then
    assertThat(parser.lastEventId()).isEmpty();
  }

  @Test
  void resetsTheEventTypeAfterEachDispatch() {
    // When
    parser.feed("event: reset\ndata: {}\n\ndata: plain\n\n");

    // Then
    assertThat(events).extracting(ServerSentEvent::event).containsExactly("reset", "message");
  }

  @Test
  void reportsOnlyRetryValuesMadeOfDigits() {
    // When
    parser.feed("retry: 1500\nretry: 1.5\nretry: -3\nretry:\nretry: 12a\nretry:0\n\n");

    // Then
    assertThat(retries).containsExactly(Duration.ofMillis(1500), Duration.ZERO);
  }

  @Test
  void ignoresUnknownFields() {
    // When
    parser.feed("foo: bar\nData: wrong case\ndata: kept\n\n");

    // Then
    assertThat(events).containsExactly(new ServerSentEvent(null, "message", "kept"));
  }

  @Test
  void skipsALeadingByteOrderMarkOnly() {
    // When
    parser.feed("\uFEFFdata: a\n\n");
    parser.feed("data: \uFEFFb\n\n");

    // Then
    assertThat(events).extracting(ServerSentEvent::data).containsExactly("a", "\uFEFFb");
  }
}
