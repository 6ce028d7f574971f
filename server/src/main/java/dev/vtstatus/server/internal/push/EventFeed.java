package dev.vtstatus.server.internal.push;

import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.server.internal.jobs.JobView;
import dev.vtstatus.server.internal.store.EventLog;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica's share of the event log: builds each event's SSE frame once, hands it to every
 * event loop's {@link ParkedRequests}, and starts streams, replaying what a reconnecting client
 * missed.
 *
 * <p>Thread-safe. The log hands events over in id order with no gap, and each is queued to every
 * event loop in that order, so every stream sees events in id order. A stream is registered
 * before its replay or its job is read, and holds the live events that arrive meanwhile, so it
 * never misses an event between the two.
 */
public final class EventFeed {
  /** One numbered live event, its SSE frame built once and shared by every stream. */
  public record Event(long id, String jobId, boolean terminal, Buffer frame, String owner) {}

  /** Receives events on its own event loop. */
  public interface Listener {
    /** Returns the event loop events are delivered on. */
    Context context();

    /** Delivers an event; runs on {@link #context()}. */
    void deliver(Event event);
  }

  private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);

  private final EventLog log;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Consumer<EventLog.Event> onEvent = this::onEvent;
  private volatile long lastId;

  /** Creates the feed of {@code log}; {@link #start()} makes it follow the log. */
  public EventFeed(EventLog log) {
    this.log = log;
  }

  /** Starts following the log. */
  public void start() {
    log.subscribe(onEvent);
  }

  /** Stops following the log. */
  public void stop() {
    log.unsubscribe(onEvent);
  }

  /** Adds an event loop's listener. */
  public void register(Listener listener) {
    listeners.add(listener);
  }

  /** Removes an event loop's listener. */
  public void unregister(Listener listener) {
    listeners.remove(listener);
  }

  /** Returns the id of the newest event this replica has seen, 0 before any. */
  public long lastId() {
    return lastId;
  }

  private void onEvent(EventLog.Event logged) {
    lastId = logged.id();
    Event event = new Event(logged.id(), logged.jobId(), logged.terminal(),
        frame(logged.id(), Protocol.EVENT_JOB, logged.data()), logged.owner());
    for (Listener listener : listeners) {
      listener.context().runOnContext(v -> listener.deliver(event));
    }
  }

  /**
   * Starts a stream of all jobs: replays what came after {@code lastEventId} (null for none), or
   * sends {@code reset} when that id is no longer kept, then passes on live events. The replay is
   * written as the client reads, under the stream's limit (see {@link EventStream}).
   * Must run on the group's event loop.
   */
  public void subscribe(ParkedRequests group, EventStream stream, String lastEventId) {
    if (lastEventId == null) {
      stream.lastSent(lastId);
      group.add(stream);
      return;
    }
    stream.hold();
    group.add(stream);
    OnLoop.whenDone(group.context(), log.after(parseId(lastEventId), EventStream.REPLAY_PAGE), result -> {
      if (result.failed()) {
        // the client reconnects with the same id, and gets its replay once the store answers
        LOG.warn("an event replay failed: {}", result.cause().toString());
        stream.end();
        return;
      }
      EventLog.Replay replay = result.result();
      if (replay.tooOld()) {
        String data =
            "{\"last_event_id\":" + jsonString(lastEventId) + ",\"oldest_event_id\":" + replay.oldestId()
                + ",\"detail\":\"events after the given id are no longer buffered; re-read your jobs\"}";
        stream.write(frame(replay.lastId(), Protocol.EVENT_RESET, data));
        stream.lastSent(replay.lastId());
        stream.release();
      } else {
        stream.replay(log, group.context(), replay);
      }
    });
  }

  /**
   * Starts a stream of one job. The job is read ({@code current}) after the stream is registered:
   * if its terminal event is known, the final state is sent and the stream ends; a pending state is
   * written as an event; a terminal state whose event is still on its way is not written, since
   * that event follows and ends the stream. Must run on the group's event loop.
   */
  public void subscribeJob(ParkedRequests group, EventStream stream, Future<JobView> current) {
    stream.hold();
    group.add(stream);
    OnLoop.whenDone(group.context(), current, result -> {
      JobView view = result.succeeded() ? result.result() : null;
      if (view == null) {
        stream.end();
        return;
      }
      if (view.terminal() && view.terminalEventId() > 0) {
        stream.write(frame(view.terminalEventId(), Protocol.EVENT_JOB, view.rendered().text()));
        stream.end();
        return;
      }
      if (!view.terminal()) {
        stream.write(frame(lastId, Protocol.EVENT_JOB, view.rendered().text()));
      }
      stream.release();
    });
  }

  /** Builds an SSE frame. */
  public static Buffer frame(long id, String event, String data) {
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
