package dev.vtstatus.client.fakes;

import dev.vtstatus.client.internal.engine.EventSource;
import dev.vtstatus.client.internal.sse.EventStreamConnection;
import dev.vtstatus.client.internal.sse.ServerSentEvent;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/** Event sources that a test drives by hand: open, deliver events, give up. Thread-safe. */
public final class FakeEventSources implements EventSource.Factory {
  private final List<Source> sources = new ArrayList<>();
  private int eventId;

  /** One fake stream. */
  public static final class Source implements EventSource {
    public final EventStreamConnection.Listener listener;
    public volatile boolean started;
    public volatile boolean closed;

    Source(EventStreamConnection.Listener listener) {
      this.listener = listener;
    }

    @Override
    public void start() {
      started = true;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Override
  public synchronized EventSource create(EventStreamConnection.Listener listener) {
    Source s = new Source(listener);
    sources.add(s);
    return s;
  }

  public synchronized List<Source> sources() {
    return List.copyOf(sources);
  }

  /** Returns the one source; fails when there is not exactly one. */
  public synchronized Source only() {
    if (sources.size() != 1) {
      throw new AssertionError("expected one event source, found " + sources.size());
    }
    return sources.get(0);
  }

  /** Delivers a {@code job} event carrying the job. */
  public void deliver(Job job) {
    String id;
    synchronized (this) {
      id = Integer.toString(++eventId);
    }
    try {
      only().listener.onEvent(new ServerSentEvent(id, "job", Json.mapper().writeValueAsString(job)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
