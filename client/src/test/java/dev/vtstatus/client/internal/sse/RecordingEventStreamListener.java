package dev.vtstatus.client.internal.sse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Records every call an {@link EventStreamConnection} makes, with the calling thread, and counts
 * calls that overlapped another.
 */
final class RecordingEventStreamListener implements EventStreamConnection.Listener {
  /** One listener call. */
  record Call(String kind, Object value, Duration reconnectIn, String thread) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicBoolean inCall = new AtomicBoolean();
  private final AtomicInteger overlaps = new AtomicInteger();

  @Override
  public void onOpen(boolean resumed) {
    record("open", resumed, null);
  }

  @Override
  public void onEvent(ServerSentEvent event) {
    record("event", event, null);
  }

  @Override
  public void onDisconnect(Throwable cause, Duration reconnectIn) {
    record("disconnect", cause, reconnectIn);
  }

  @Override
  public void onGiveUp(Throwable cause) {
    record("giveUp", cause, null);
  }

  private void record(String kind, Object value, Duration reconnectIn) {
    if (!inCall.compareAndSet(false, true)) {
      overlaps.incrementAndGet();
    }
    calls.add(new Call(kind, value, reconnectIn, Thread.currentThread().getName()));
    inCall.set(false);
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Returns the kinds of the calls in order, e.g. {@code [open, event, disconnect]}. */
  List<String> kinds() {
    return calls.stream().map(Call::kind).collect(Collectors.toList());
  }

  List<Call> of(String kind) {
    return calls.stream().filter(c -> c.kind().equals(kind)).collect(Collectors.toList());
  }

  List<ServerSentEvent> events() {
    return calls.stream()
        .filter(c -> c.kind().equals("event"))
        .map(c -> (ServerSentEvent) c.value())
        .collect(Collectors.toList());
  }

  int overlaps() {
    return overlaps.get();
  }
}
