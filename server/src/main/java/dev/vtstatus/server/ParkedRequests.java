package dev.vtstatus.server;

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
final class ParkedRequests implements EventHub.Listener {
  private final Context context;
  private final Set<EventStream> streams = new HashSet<>();
  private final Set<LongPoll> polls = new HashSet<>();
  private final List<EventStream> removedWhileDelivering = new ArrayList<>();
  private boolean delivering;

  ParkedRequests(Context context) {
    this.context = context;
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public void deliver(EventHub.Event event) {
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

  void remove(EventStream stream) {
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
  void heartbeat() {
    for (EventStream stream : new ArrayList<>(streams)) {
      stream.heartbeat();
      if (stream.isEnded()) {
        streams.remove(stream);
      }
    }
  }

  /** Answers every parked long poll with the job's current state and ends every stream. */
  void endAll() {
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
