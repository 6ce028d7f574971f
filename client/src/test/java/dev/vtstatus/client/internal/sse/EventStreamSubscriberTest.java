package dev.vtstatus.client.internal.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventStreamSubscriberTest {
  private final List<ServerSentEvent> events = new ArrayList<>();
  private final List<String> lastEventIds = new ArrayList<>();
  private final FakeSubscription subscription = new FakeSubscription();
  private final AtomicInteger pieces = new AtomicInteger();
  private final EventStreamSubscriber subscriber =
      new EventStreamSubscriber(
          new EventStreamParser(events::add, retry -> {}),
          lastEventIds::add,
          pieces::incrementAndGet);

  @Test
  void decodesAUtf8SequenceSplitBetweenBuffers() {
    // Given
    byte[] bytes = "data: caf\u00e9 \u20ac\n\n".getBytes(StandardCharsets.UTF_8);
    subscriber.onSubscribe(subscription);

    // When: split inside the two-byte "é" and inside the three-byte "€"
    subscriber.onNext(List.of(ByteBuffer.wrap(Arrays.copyOfRange(bytes, 0, 10))));
    subscriber.onNext(
        List.of(
            ByteBuffer.wrap(Arrays.copyOfRange(bytes, 10, 13)),
            ByteBuffer.wrap(Arrays.copyOfRange(bytes, 13, bytes.length))));

    // Then
    assertThat(events).extracting(ServerSentEvent::data).containsExactly("caf\u00e9 \u20ac");
  }

  @Test
  void replacesInvalidBytesInsteadOfFailing() {
    // Given
    subscriber.onSubscribe(subscription);

    // When
    subscriber.onNext(
        List.of(ByteBuffer.wrap(new byte[] {'d', 'a', 't', 'a', ':', (byte) 0xff, '\n', '\n'})));

    // Then
    assertThat(events).extracting(ServerSentEvent::data).containsExactly("\uFFFD");
  }

  @Test
  void asksForOneBufferListAtATime() {
    // When
    subscriber.onSubscribe(subscription);
    subscriber.onNext(List.of(ByteBuffer.wrap("data: a\n\n".getBytes(StandardCharsets.UTF_8))));

    // Then
    assertThat(subscription.requested).containsExactly(1L, 1L);
  }

  @Test
  void reportsTheLastEventIdOnlyWhenItChanges() {
    // Given
    subscriber.onSubscribe(subscription);

    // When
    subscriber.onNext(List.of(utf8("id: 1\ndata: a\n\nid: 2\ndata: b\n\n")));
    subscriber.onNext(List.of(utf8("data: c\n\n")));
    subscriber.onNext(List.of(utf8("id: 3\ndata: d\n\n")));

    // Then
    assertThat(lastEventIds).containsExactly("2", "3");
  }

  @Test
  void signalsEachPieceWithBytesButNotEmptyOnes() {
    // Given
    subscriber.onSubscribe(subscription);

    // When
    subscriber.onNext(List.of(ByteBuffer.allocate(0)));
    int afterEmpty = pieces.get();
    subscriber.onNext(List.of(utf8(": hi\n")));
    subscriber.onNext(List.of(utf8(": again\n")));

    // Then
    assertThat(afterEmpty).isZero();
    assertThat(pieces).hasValue(2);
  }

  @Test
  void cancelStopsReadingAndCancelsTheSubscription() {
    // Given
    subscriber.onSubscribe(subscription);

    // When
    subscriber.cancel();
    subscriber.onNext(List.of(utf8("data: late\n\n")));

    // Then
    assertThat(subscription.cancelled).isTrue();
    assertThat(events).isEmpty();
  }

  @Test
  void aRejectingSubscriberCancelsAndFailsWithTheReason() {
    // Given
    IllegalStateException reason = new IllegalStateException("wrong content type");
    EventStreamSubscriber rejecting = EventStreamSubscriber.rejecting(reason);

    // When
    rejecting.onSubscribe(subscription);

    // Then
    assertThat(subscription.cancelled).isTrue();
    assertThat(rejecting.getBody().toCompletableFuture()).isCompletedExceptionally();
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static final class FakeSubscription implements Flow.Subscription {
    final List<Long> requested = new ArrayList<>();
    boolean cancelled;

    @Override
    public void request(long n) {
      requested.add(n);
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
