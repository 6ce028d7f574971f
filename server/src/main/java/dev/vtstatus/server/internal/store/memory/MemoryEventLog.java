package dev.vtstatus.server.internal.store.memory;

import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.server.internal.store.EventLog;
import dev.vtstatus.server.internal.store.JobRecord;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The events of a single server: the latest {@code capacity} in a ring for replay. Listeners are
 * called while the ring's lock is held, so each sees every event in id order, and a replay read
 * after a listener was added overlaps what that listener gets, with no gap. Thread-safe.
 */
final class MemoryEventLog implements EventLog {
  private final Event[] ring;
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private long lastId;

  MemoryEventLog(int capacity) {
    this.ring = new Event[capacity];
  }

  /** Numbers and keeps an event, hands it to every listener, and returns its id. */
  synchronized long publish(JobRecord job, JobStatus status, String data) {
    long id = ++lastId;
    Event event = new Event(id, job.id(), status, job.traceId(), data);
    ring[(int) (id % ring.length)] = event;
    for (Consumer<Event> listener : listeners) {
      listener.accept(event);
    }
    return id;
  }

  @Override
  public synchronized Future<Replay> after(long lastEventId) {
    long oldest = Math.max(1, lastId - ring.length + 1);
    if (lastEventId < 0 || lastEventId > lastId || lastEventId < oldest - 1) {
      return Future.succeededFuture(new Replay(List.of(), lastId, oldest, true));
    }
    List<Event> missed = new ArrayList<>((int) (lastId - lastEventId));
    for (long id = lastEventId + 1; id <= lastId; id++) {
      missed.add(ring[(int) (id % ring.length)]);
    }
    return Future.succeededFuture(new Replay(missed, lastId, oldest, false));
  }

  @Override
  public void subscribe(Consumer<Event> listener) {
    listeners.add(listener);
  }

  @Override
  public void unsubscribe(Consumer<Event> listener) {
    listeners.remove(listener);
  }
}
