package dev.vtstatus.client.internal.sse;

import dev.vtstatus.client.InvalidResponseException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Reads an event stream's body without blocking: decodes UTF-8 (a sequence split between two
 * buffers is completed by the next; invalid bytes become U+FFFD, as the WHATWG rules say) and feeds
 * the text to a parser, asking for one buffer list at a time so a slow consumer slows the socket.
 *
 * <p>The HTTP client calls it one signal at a time, as {@link Flow.Subscriber} requires; {@link
 * #cancel()} may be called from any thread.
 */
final class EventStreamSubscriber implements java.net.http.HttpResponse.BodySubscriber<Void> {
  private static final int CHAR_BUFFER_SIZE = 8192;

  private final EventStreamParser parser;
  private final Consumer<String> lastEventIds;
  private final Runnable bytesArrived;
  private final Throwable rejection;
  private final CompletableFuture<Void> body = new CompletableFuture<>();
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private final CharBuffer chars = CharBuffer.allocate(CHAR_BUFFER_SIZE);
  private ByteBuffer leftover = ByteBuffer.allocate(0);
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;

  /**
   * Creates a subscriber that parses the body.
   *
   * @param parser receives the decoded text
   * @param lastEventIds receives the stream's last event id after each piece that changed it
   * @param bytesArrived runs for each piece of the body that is not empty, before it is parsed
   */
  EventStreamSubscriber(
      EventStreamParser parser, Consumer<String> lastEventIds, Runnable bytesArrived) {
    this(
        Objects.requireNonNull(parser, "parser"),
        Objects.requireNonNull(lastEventIds, "lastEventIds"),
        Objects.requireNonNull(bytesArrived, "bytesArrived"),
        null);
  }

  private EventStreamSubscriber(
      EventStreamParser parser,
      Consumer<String> lastEventIds,
      Runnable bytesArrived,
      Throwable rejection) {
    this.parser = parser;
    this.lastEventIds = lastEventIds;
    this.bytesArrived = bytesArrived;
    this.rejection = rejection;
  }

  /** Returns a subscriber that reads nothing: it cancels the body and fails with the reason. */
  static EventStreamSubscriber rejecting(Throwable reason) {
    return new EventStreamSubscriber(null, null, null, Objects.requireNonNull(reason, "reason"));
  }

  @Override
  public CompletionStage<Void> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (rejection != null) {
      s.cancel();
      body.completeExceptionally(rejection);
    } else if (cancelled) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (cancelled || rejection != null) {
      return;
    }
    if (buffers.stream().anyMatch(ByteBuffer::hasRemaining)) {
      bytesArrived.run();
    }
    String before = parser.lastEventId().orElse(null);
    try {
      for (ByteBuffer buffer : buffers) {
        decode(buffer);
      }
    } catch (InvalidResponseException tooLong) {
      cancel();
      body.completeExceptionally(tooLong);
      return;
    }
    String after = parser.lastEventId().orElse(null);
    if (after != null && !after.equals(before)) {
      lastEventIds.accept(after);
    }
    Flow.Subscription s = subscription;
    if (s != null && !cancelled) {
      s.request(1);
    }
  }

  @Override
  public void onError(Throwable error) {
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    body.complete(null);
  }

  /** Stops reading; the HTTP client then releases the connection. Safe from any thread. */
  void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  private void decode(ByteBuffer buffer) {
    ByteBuffer in = buffer;
    if (leftover.hasRemaining()) {
      in = ByteBuffer.allocate(leftover.remaining() + buffer.remaining());
      in.put(leftover).put(buffer).flip();
    }
    CoderResult result;
    do {
      result = decoder.decode(in, chars, false);
      chars.flip();
      parser.feed(chars);
      chars.clear();
    } while (result.isOverflow());
    leftover = in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : in;
  }
}
