package dev.vtstatus.server.internal.store;

import dev.vtstatus.protocol.JobStatus;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/**
 * The job events of every replica of one store: one increasing sequence of ids, the latest events
 * kept for replay, and a live feed. Events are published by {@link JobRepository}. Thread-safe.
 */
public interface EventLog {
  /**
   * One event.
   *
   * @param id the event id, one sequence for every replica of the store
   * @param jobId the job it is about
   * @param status the job's status in it; terminal for the job's last event
   * @param traceId the job's trace id
   * @param data the job JSON
   * @param owner the job's owner (see {@link JobRecord#owner()}), or null
   */
  record Event(long id, String jobId, JobStatus status, String traceId, String data, String owner) {
    /** Returns whether this is the job's terminal event. */
    public boolean terminal() {
      return status.isTerminal();
    }

    /** Returns roughly what the event costs to keep, in bytes. */
    public long sizeBytes() {
      return sizeOf(data);
    }

    /** Returns roughly what an event with the job JSON {@code data} costs to keep: 160 bytes plus two a character. */
    public static long sizeOf(String data) {
      return 160L + 2L * data.length();
    }
  }

  /**
   * What a reconnecting stream missed: the events after its id, or, when those are no longer kept
   * (or the id is unknown), {@code tooOld} with the oldest id still kept.
   *
   * @param events the events after the given id, in id order; empty when too old
   * @param lastId the newest event id when the replay was read
   * @param oldestId the oldest event id still kept
   * @param tooOld whether the given id is outside what is kept
   */
  record Replay(List<Event> events, long lastId, long oldestId, boolean tooOld) {}

  /** Returns what came after {@code lastEventId}; a negative id (unparseable) is always too old. */
  Future<Replay> after(long lastEventId);

  /**
   * Returns at most {@code limit} of the events after {@code lastEventId} (the oldest of them), for
   * a replay read page by page; otherwise as {@link #after(long)}. A store that can read a page
   * cheaper than the whole rest overrides this.
   */
  default Future<Replay> after(long lastEventId, int limit) {
    return after(lastEventId).map(replay -> replay.events().size() <= limit ? replay
        : new Replay(List.copyOf(replay.events().subList(0, limit)), replay.lastId(), replay.oldestId(), false));
  }

  /**
   * Starts passing every event published from now on to {@code listener}, in id order with no gap,
   * on a thread of the store's choosing; the listener must not block.
   */
  void subscribe(Consumer<Event> listener);

  /** Stops passing events to {@code listener}. */
  void unsubscribe(Consumer<Event> listener);
}
