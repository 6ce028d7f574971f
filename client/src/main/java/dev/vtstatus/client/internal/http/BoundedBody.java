package dev.vtstatus.client.internal.http;

import dev.vtstatus.client.InvalidResponseException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads an answer body as UTF-8 text, at most {@code maxBytes}: a body that announces more (by
 * {@code Content-Length}) is refused before a byte is read, and one that sends more stops being
 * read at the limit (the subscription is cancelled, which closes the connection). Either way the
 * body fails with {@link InvalidResponseException} naming the limit. One buffer list is requested
 * at a time, so no more than the limit plus one buffer is ever held.
 *
 * <p>The HTTP client calls a subscriber one signal at a time, as {@link Flow.Subscriber} requires.
 */
public final class BoundedBody implements BodySubscriber<String> {
  private final long maxBytes;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<String> body = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private BoundedBody(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Returns a handler whose bodies are read with this limit. */
  public static BodyHandler<String> handler(long maxBytes) {
    return info -> subscriber(info, maxBytes);
  }

  /** Returns a subscriber for one answer; refuses at once a {@code Content-Length} over the limit. */
  public static BodySubscriber<String> subscriber(ResponseInfo info, long maxBytes) {
    BoundedBody subscriber = new BoundedBody(maxBytes);
    long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (announced > maxBytes) {
      subscriber.body.completeExceptionally(tooLarge(maxBytes, "announces " + announced + " bytes"));
    }
    return subscriber;
  }

  /** Returns the exception for a body over the limit. */
  static InvalidResponseException tooLarge(long maxBytes, String what) {
    return new InvalidResponseException("answer body over the limit of " + maxBytes
        + " bytes (maxAnswerSize): it " + what + "; the rest was not read");
  }

  @Override
  public CompletionStage<String> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (body.isDone()) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (body.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      if (bytes.size() + (long) buffer.remaining() > maxBytes) {
        subscription.cancel();
        body.completeExceptionally(tooLarge(maxBytes, "sent more"));
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      bytes.writeBytes(chunk);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable error) {
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    body.complete(bytes.toString(StandardCharsets.UTF_8));
  }
}
