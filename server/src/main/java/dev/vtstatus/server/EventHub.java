package dev.vtstatus.server;

import dev.vtstatus.protocol.Protocol;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Numbers every job event, keeps the latest ones in a bounded ring for {@code Last-Event-ID}
 * replay, and hands each event to every event loop's {@link ParkedRequests}.
 *
 * <p>Thread-safe. Publishing and subscribing are serialized on this object, and each event is
 * queued to every event loop while the lock is held, so every stream sees events in id order and
 * a subscriber never misses an event between its replay and the live ones.
 */
final class EventHub {
  /** One numbered event, its SSE frame built once and shared by every stream. */
  record Event(long id, String jobId, boolean terminal, Buffer frame) {}

  /** Receives events on its own event loop. */
  interface Listener {
    Context context();

    void deliver(Event event);
  }

  private final Event[] ring;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private long lastId;

  EventHub(int capacity) {
    this.ring = new Event[capacity];
  }

  /** Adds an event loop's listener. */
  void register(Listener listener) {
    listeners.add(listener);
  }

  /** Removes an event loop's listener. */
  void unregister(Listener listener) {
    listeners.remove(listener);
  }

  /** Publishes a job event and returns its id; a terminal event's id is recorded on the job. */
  synchronized long publish(SimulatedJob job, String json, boolean terminal) {
    long id = ++lastId;
    Event event = new Event(id, job.id, terminal, frame(id, Protocol.EVENT_JOB, json));
    ring[(int) (id % ring.length)] = event;
    if (terminal) {
      job.terminalEventId(id);
    }
    for (Listener listener : listeners) {
      listener.context().runOnContext(v -> listener.deliver(event));
    }
    return id;
  }

  /**
   * Starts a stream of all jobs: replays what came after {@code lastEventId} (null for none), or
   * sends {@code reset} when that id is no longer buffered, then adds the stream to {@code group}.
   * The replay goes out as one write, however long, so a client is never cut off for the size of
   * its own replay. Must run on the group's event loop.
   */
  synchronized void subscribe(ParkedRequests group, EventStream stream, String lastEventId) {
    if (lastEventId != null) {
      long from = parseId(lastEventId);
      long oldest = Math.max(1, lastId - ring.length + 1);
      if (from < 0 || from > lastId || from < oldest - 1) {
        String data =
            "{\"last_event_id\":" + jsonString(lastEventId) + ",\"oldest_event_id\":" + oldest
                + ",\"detail\":\"events after the given id are no longer buffered; re-read your jobs\"}";
        stream.write(frame(lastId, Protocol.EVENT_RESET, data));
      } else {
        List<Event> missed = new ArrayList<>((int) (lastId - from));
        for (long id = from + 1; id <= lastId; id++) {
          missed.add(ring[(int) (id % ring.length)]);
        }
        stream.replay(missed);
      }
    }
    stream.lastSent(lastId);
    group.add(stream);
  }

  /**
   * Starts a stream of one job: if its terminal event was published, returns false so that the
   * caller sends the final state and ends. Else renders the job with {@code view} while holding the
   * lock, so that no event of the job can be published in between: a pending state is written as
   * an event; a terminal state whose event is still on its way is not written, since that event
   * follows and ends the stream. Then adds the stream to {@code group}. Must run on the group's
   * event loop.
   */
  synchronized boolean subscribeJob(
      ParkedRequests group, EventStream stream, SimulatedJob job, Supplier<JobRenderer.Rendered> view) {
    if (job.terminalEventId() > 0) {
      return false;
    }
    JobRenderer.Rendered current = view.get();
    if (!current.status().isTerminal()) {
      stream.write(frame(lastId, Protocol.EVENT_JOB, current.text()));
    }
    stream.lastSent(lastId);
    group.add(stream);
    return true;
  }

  /** Builds an SSE frame. */
  static Buffer frame(long id, String event, String data) {
    String text = "id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n";
    return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
  }

  private static long parseId(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String jsonString(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
