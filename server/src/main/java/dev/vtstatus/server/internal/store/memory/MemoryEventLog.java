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
 * The events of a single server: the latest ones in a ring for replay, at most {@code capacity}
 * of them and at most {@code maxBytes} in all (the oldest go first; a replay from before them gets
 * a reset). Listeners are called while the ring's lock is held, so each sees every event in id
 * order, and a replay read after a listener was added overlaps what that listener gets, with no
 * gap. Thread-safe.
 */
final class MemoryEventLog implements EventLog {
  private final Event[] ring;
  private final long maxBytes;
  private final MemoryBudget budget;
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private long lastId;
  private long oldestKept = 1;
  private long bytes;

  MemoryEventLog(int capacity, long maxBytes, MemoryBudget budget) {
    this.ring = new Event[capacity];
    this.maxBytes = maxBytes;
    this.budget = budget;
  }

  /** Numbers and keeps an event, hands it to every listener, and returns its id. */
  synchronized long publish(JobRecord job, JobStatus status, String data) {
    long id = ++lastId;
    Event event = new Event(id, job.id(), status, job.traceId(), data, job.owner());
    int slot = (int) (id % ring.length);
    if (ring[slot] != null) {
      drop(ring[slot]);
    }
    ring[slot] = event;
    bytes += event.sizeBytes();
    budget.add(event.sizeBytes());
    oldestKept = Math.max(oldestKept, lastId - ring.length + 1);
    while (bytes > maxBytes && oldestKept < lastId) {
      int oldest = (int) (oldestKept % ring.length);
      drop(ring[oldest]);
      ring[oldest] = null;
      oldestKept++;
    }
    for (Consumer<Event> listener : listeners) {
      listener.accept(event);
    }
    return id;
  }

  private void drop(Event event) {
    bytes -= event.sizeBytes();
    budget.add(-event.sizeBytes());
  }

  @Override
  public Future<Replay> after(long lastEventId) {
    return after(lastEventId, Integer.MAX_VALUE);
  }

  @Override
  public synchronized Future<Replay> after(long lastEventId, int limit) {
    long oldest = Math.max(1, oldestKept);
    if (lastEventId < 0 || lastEventId > lastId || lastEventId < oldest - 1) {
      return Future.succeededFuture(new Replay(List.of(), lastId, oldest, true));
    }
    long until = Math.min(lastId, lastEventId + limit);
    List<Event> missed = new ArrayList<>((int) (until - lastEventId));
    for (long id = lastEventId + 1; id <= until; id++) {
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
