package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.InvalidResponseException;
import dev.vtstatus.client.internal.sse.EventStreamConnection;
import dev.vtstatus.client.internal.sse.ServerSentEvent;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.Protocol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches the client's one event stream, which carries every job it waits for, to the waits:
 * the demultiplexer of that stream.
 *
 * <p>Waits register here and are completed by {@code job} events, dispatched by id. The stream
 * "covers" a job from the moment it opened (and keeps covering across reconnects that resume with
 * {@code Last-Event-ID}): a wait for a job created by this client after that moment needs no read;
 * any other wait, and every wait after a {@code reset} or a reopen that could not resume, is
 * re-read through the {@link BatchReader}. Terminal events of jobs nobody waits for yet are kept
 * (the latest {@value #RECENT} jobs), so a wait that starts late finds its result without a
 * request. When the stream gives up, every registered wait is handed to the fallback, once; then
 * the dispatcher re-probes with a new stream after {@link #REPROBE_FIRST}, doubling up to {@link
 * #REPROBE_MAX} while it keeps failing. When one opens, the dispatcher covers jobs again and tells
 * {@code onBack}, which hands the fallback waits back to it (they are re-read in batches, so an end
 * during the move is not lost). Thread-safe; stream callbacks arrive one at a time.
 */
public final class EventDispatcher implements EventStreamConnection.Listener, AutoCloseable {
  static final int RECENT = 10_000;
  /** The wait before the first re-probe after the stream gave up. */
  static final Duration REPROBE_FIRST = Duration.ofSeconds(1);
  /** The longest wait between re-probes. */
  static final Duration REPROBE_MAX = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

  private final ClientContext context;
  private final BatchReader reader;
  private final EventSource.Factory sources;
  private final Runnable onBack;
  private EventSource source;
  private Duration reprobeIn = REPROBE_FIRST;
  private ScheduledFuture<?> reprobe;
  private boolean closed;
  private final BiConsumer<List<JobWait>, Throwable> onGiveUp;
  private final Map<String, List<JobWait>> watched = new ConcurrentHashMap<>();
  private record Received(Job job, Instant at) {}

  private final Map<String, Received> recentTerminal =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Received> eldest) {
          return size() > RECENT;
        }
      };
  private final Object lock = new Object();
  private boolean started;
  private boolean failed;
  private volatile Instant coveredSince;

  /**
   * Creates the dispatcher; the stream starts at the first {@link #ensureStarted()} or {@link #watch}.
   *
   * @param sources makes the stream, reporting to this dispatcher
   * @param onGiveUp receives the waits still open when the stream gives up, and why
   * @param onBack told when a re-probe opened a stream after a give-up, so waits can come back
   */
  public EventDispatcher(
      ClientContext context,
      BatchReader reader,
      EventSource.Factory sources,
      BiConsumer<List<JobWait>, Throwable> onGiveUp,
      Runnable onBack) {
    this.context = context;
    this.reader = reader;
    this.onGiveUp = onGiveUp;
    this.onBack = onBack;
    this.sources = sources;
    this.source = sources.create(this);
  }

  /** Opens the stream if it is not open yet. */
  public void ensureStarted() {
    EventSource s;
    synchronized (lock) {
      if (started || failed) {
        return;
      }
      started = true;
      s = source;
    }
    s.start();
  }

  /** Returns whether the stream gave up. */
  public boolean failed() {
    synchronized (lock) {
      return failed;
    }
  }

  /**
   * Registers a wait; returns false (and registers nothing) when the stream has given up.
   *
   * @param createdHereAt when this client created the job, by its clock, or null
   */
  public boolean watch(JobWait wait, Instant createdHereAt) {
    synchronized (lock) {
      if (failed) {
        return false;
      }
      watched.computeIfAbsent(wait.jobId(), id -> new CopyOnWriteArrayList<>()).add(wait);
    }
    wait.future().whenComplete((job, error) -> unwatch(wait));
    ensureStarted();
    Received known;
    synchronized (recentTerminal) {
      known = recentTerminal.get(wait.jobId());
    }
    if (known != null) {
      wait.observe(known.job(), null, known.at());
      return true;
    }
    Instant covered = coveredSince;
    if (covered != null && (createdHereAt == null || createdHereAt.isBefore(covered))) {
      reader.read(wait);
    }
    return true;
  }

  private void unwatch(JobWait wait) {
    watched.computeIfPresent(
        wait.jobId(),
        (id, list) -> {
          list.remove(wait);
          return list.isEmpty() ? null : list;
        });
  }

  @Override
  public void onOpen(boolean resumed) {
    Instant now = context.clock().instant();
    boolean back;
    synchronized (lock) {
      back = failed;
      failed = false;
      reprobeIn = REPROBE_FIRST;
    }
    if (resumed && coveredSince != null && !back) {
      return;
    }
    coveredSince = now;
    rereadAll(now);
    if (back) {
      LOG.info("event stream is back; waits return to it");
      onBack.run();
    }
  }

  @Override
  public void onEvent(ServerSentEvent event) {
    if (Protocol.EVENT_RESET.equals(event.event())) {
      Instant now = context.clock().instant();
      coveredSince = now;
      rereadAll(now.plusNanos(1));
      return;
    }
    if (!Protocol.EVENT_JOB.equals(event.event())) {
      return;
    }
    Job job;
    try {
      job = AnswerReader.eventJob(event.data());
    } catch (InvalidResponseException e) {
      LOG.warn("ignored an unusable event (id {}): {}", event.id(), e.getMessage());
      return;
    }
    if (job.isTerminal()) {
      synchronized (recentTerminal) {
        recentTerminal.put(job.jobId(), new Received(job, context.clock().instant()));
      }
    }
    List<JobWait> waits = watched.get(job.jobId());
    if (waits != null) {
      waits.forEach(w -> w.observe(job, null));
    }
  }

  @Override
  public void onDisconnect(Throwable cause, Duration reconnectIn) {
    LOG.debug("event stream disconnected ({}); reconnecting in {} ms", cause.toString(), reconnectIn.toMillis());
  }

  @Override
  public void onGiveUp(Throwable cause) {
    List<JobWait> open = new ArrayList<>();
    boolean already;
    synchronized (lock) {
      already = failed;
      failed = true;
      watched.values().forEach(open::addAll);
      watched.clear();
    }
    scheduleReprobe();
    if (already) {
      LOG.debug("event stream re-probe failed ({})", cause.getMessage());
      return;
    }
    open.removeIf(JobWait::isDone);
    // The waits carry on on another channel, so this is news, not a warning; the message is the
    // cause's own (the server's problem detail), without internal class names.
    LOG.info("event stream unavailable ({}); {} waits move to another channel", cause.getMessage(), open.size());
    onGiveUp.accept(open, cause);
  }

  /** Opens a new stream after the current back-off, doubling it for the next time. */
  private void scheduleReprobe() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      Duration delay = reprobeIn;
      Duration doubled = reprobeIn.multipliedBy(2);
      reprobeIn = doubled.compareTo(REPROBE_MAX) > 0 ? REPROBE_MAX : doubled;
      try {
        reprobe = context.scheduler().schedule(this::reprobe, delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // the client is closing
      }
    }
  }

  private void reprobe() {
    EventSource s;
    synchronized (lock) {
      if (closed) {
        return;
      }
      source = sources.create(this);
      s = source;
    }
    s.start();
  }

  private void rereadAll(Instant before) {
    for (List<JobWait> list : watched.values()) {
      for (JobWait w : list) {
        Instant seen = w.lastSeenAt();
        if (!w.isDone() && (seen == null || seen.isBefore(before))) {
          reader.read(w);
        }
      }
    }
  }

  @Override
  public void close() {
    EventSource s;
    synchronized (lock) {
      closed = true;
      if (reprobe != null) {
        reprobe.cancel(false);
      }
      s = source;
    }
    s.close();
  }
}
