package dev.vtstatus.client.fakes;

import dev.vtstatus.client.internal.wait.EventSource;
import dev.vtstatus.client.internal.sse.EventStreamConnection;
import dev.vtstatus.client.internal.sse.ServerSentEvent;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Event streams fed by a {@link FakeJobServer} on the fake scheduler: a started stream opens after
 * {@link #CONNECT}, then carries a {@code job} event at each job's end (jobs that end while it is not
 * open are missed, as on a real stream without replay). Tests can drop events, send a reset, or make
 * the stream give up. Thread-safe.
 */
public final class FakeEventSources implements EventSource.Factory {
  /** How long a started stream takes to open. */
  public static final Duration CONNECT = Duration.ofMillis(10);

  private final List<Source> sources = new ArrayList<>();
  private final Set<String> dropped = new HashSet<>();
  private FakeJobServer server;
  private FakeScheduler scheduler;
  private int eventId;
  private int failingConnects;

  /** One fake stream. */
  public final class Source implements EventSource {
    public final EventStreamConnection.Listener listener;
    public volatile boolean started;
    public volatile boolean open;
    public volatile boolean closed;

    Source(EventStreamConnection.Listener listener) {
      this.listener = listener;
    }

    @Override
    public void start() {
      started = true;
      boolean fail = takeFailingConnect();
      if (scheduler != null) {
        scheduler.schedule(() -> {
          if (closed) {
            return;
          }
          if (fail) {
            closed = true;
            listener.onGiveUp(new java.io.IOException("connect refused"));
          } else {
            open = true;
            listener.onOpen(false);
          }
        }, CONNECT.toNanos(), TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public void close() {
      closed = true;
      open = false;
    }
  }

  /** Feeds every stream from the server's job ends. */
  public synchronized FakeEventSources feedFrom(FakeJobServer server, FakeScheduler scheduler) {
    this.server = server;
    this.scheduler = scheduler;
    server.onCreate(job -> scheduler.schedule(() -> publish(job.id()),
        Duration.between(scheduler.clock().instant(), job.endsAt()).toNanos(), TimeUnit.NANOSECONDS));
    return this;
  }

  /** Makes the next {@code n} streams started give up instead of opening. */
  public synchronized void failNextConnects(int n) {
    failingConnects = n;
  }

  private synchronized boolean takeFailingConnect() {
    if (failingConnects > 0) {
      failingConnects--;
      return true;
    }
    return false;
  }

  /** Loses the events of this job, as a gap in the stream would. */
  public synchronized void drop(String jobId) {
    dropped.add(jobId);
  }

  private void publish(String jobId) {
    Job view;
    synchronized (this) {
      if (dropped.contains(jobId)) {
        return;
      }
      view = server.view(server.job(jobId));
    }
    for (Source s : sources()) {
      if (s.open && !s.closed) {
        deliver(s, view);
      }
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

  /** Delivers a {@code job} event carrying the job on the only stream. */
  public void deliver(Job job) {
    deliver(only(), job);
  }

  private void deliver(Source s, Job job) {
    String id;
    synchronized (this) {
      id = Integer.toString(++eventId);
    }
    try {
      s.listener.onEvent(new ServerSentEvent(id, "job", Json.mapper().writeValueAsString(job)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends the server's {@code reset} on the only stream. */
  public void reset() {
    only().listener.onEvent(new ServerSentEvent("r", "reset", "{}"));
  }

  /** Returns the stream made last. */
  public synchronized Source latest() {
    return sources.get(sources.size() - 1);
  }

  /** Makes the latest stream give up for good. */
  public void giveUp(Throwable cause) {
    Source s = latest();
    s.open = false;
    s.closed = true;
    s.listener.onGiveUp(cause);
  }
}
