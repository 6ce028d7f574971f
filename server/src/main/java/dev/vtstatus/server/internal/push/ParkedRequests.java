package dev.vtstatus.server.internal.push;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The long polls and event streams parked on one event loop: it delivers events to the streams,
 * sends their heartbeats and ends everything when the server stops. Confined to its event loop.
 */
public final class ParkedRequests implements EventFeed.Listener {
  private final Context context;
  private final Set<EventStream> streams = new HashSet<>();
  private final Set<LongPoll> polls = new HashSet<>();
  private final List<EventStream> removedWhileDelivering = new ArrayList<>();
  private boolean delivering;

  /** Creates the registry of the event loop {@code context}. */
  public ParkedRequests(Context context) {
    this.context = context;
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public void deliver(EventFeed.Event event) {
    delivering = true;
    try {
      for (Iterator<EventStream> it = streams.iterator(); it.hasNext(); ) {
        EventStream stream = it.next();
        stream.offer(event);
        if (stream.isEnded()) {
          it.remove();
        }
      }
    } finally {
      delivering = false;
      if (!removedWhileDelivering.isEmpty()) {
        streams.removeAll(removedWhileDelivering);
        removedWhileDelivering.clear();
      }
    }
  }

  void add(EventStream stream) {
    streams.add(stream);
  }

  /** Forgets a stream, e.g. after its client went away. */
  public void remove(EventStream stream) {
    // ending a stream during delivery may run its close handler, which lands here
    if (delivering) {
      removedWhileDelivering.add(stream);
    } else {
      streams.remove(stream);
    }
  }

  void add(LongPoll poll) {
    polls.add(poll);
  }

  void remove(LongPoll poll) {
    polls.remove(poll);
  }

  /** Sends a heartbeat comment on every open stream. */
  public void heartbeat() {
    for (EventStream stream : new ArrayList<>(streams)) {
      stream.heartbeat();
      if (stream.isEnded()) {
        streams.remove(stream);
      }
    }
  }

  /** Answers every parked long poll with the job's current state and ends every stream. */
  public void endAll() {
    for (LongPoll poll : new ArrayList<>(polls)) {
      poll.finish();
    }
    for (EventStream stream : new ArrayList<>(streams)) {
      stream.end();
    }
    polls.clear();
    streams.clear();
  }
}
