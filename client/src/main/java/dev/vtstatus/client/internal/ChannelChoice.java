package dev.vtstatus.client.internal;

import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.internal.strategy.ChannelPlan;
import dev.vtstatus.client.internal.strategy.ScheduleStrategy;
import dev.vtstatus.client.internal.wait.BatchReader;
import dev.vtstatus.client.internal.wait.ClientContext;
import dev.vtstatus.client.internal.wait.EventDispatcher;
import dev.vtstatus.client.internal.wait.EventSource;
import dev.vtstatus.client.internal.wait.JobWait;
import dev.vtstatus.client.internal.wait.LongPollDriver;
import dev.vtstatus.client.internal.wait.LongPollGroups;
import dev.vtstatus.client.internal.wait.PollingDriver;
import dev.vtstatus.client.internal.wait.ServerProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Gives each wait its channel, following the strategy's {@link ChannelPlan}: the event stream, else
 * long polls, else polling, skipping what the server does not offer or what failed on this client,
 * and moves waits to the next channel when one fails (and back to the event stream when it opens
 * again). It holds what those moves need: whether long polls failed, the client's one event
 * dispatcher, its batch long polls and its merged polls. Thread-safe.
 */
final class ChannelChoice {
  private final ClientContext context;
  private final ChannelPlan plan;
  private final String strategyName;
  private final EventSource.Factory eventSources;
  private final Function<JobWait, CompletableFuture<ServerProfile>> profileFor;
  private final WaitListener listener;
  /** Waits that the event stream's channel would carry but that wait elsewhere while it is down. */
  private final Set<JobWait> awayFromEvents = ConcurrentHashMap.newKeySet();
  private volatile EventDispatcher dispatcher;
  private volatile boolean longPollFailed;
  private BatchReader pollMerger;
  private LongPollGroups longPollGroups;

  /**
   * Creates the choice for one client.
   *
   * @param plan the channels of the client's strategy, with its own polling schedule
   * @param strategyName the configured strategy's name, reported while nothing else is known
   * @param eventSources makes the event stream
   * @param profileFor the server's profile within a wait's budget, probing if needed
   */
  ChannelChoice(
      ClientContext context,
      ChannelPlan plan,
      String strategyName,
      EventSource.Factory eventSources,
      Function<JobWait, CompletableFuture<ServerProfile>> profileFor) {
    this.context = context;
    this.plan = plan;
    this.strategyName = strategyName;
    this.eventSources = eventSources;
    this.profileFor = profileFor;
    this.listener = context.listener();
  }

  /** Returns whether the strategy listens to events, so the stream should open before a create. */
  boolean wantsEvents() {
    return plan.events();
  }

  /** Returns the polling schedule (the strategy's own, or adaptive as the last fallback). */
  ScheduleStrategy polling() {
    return plan.polling();
  }

  /** Opens the event stream ahead of a create when the strategy and the server use events. */
  void beforeCreate(ServerProfile p) {
    if (plan.events() && p.events()) {
      dispatcher(p).ensureStarted();
    }
  }

  /** Gives a wait its channel: the first of the plan that the server offers and that works. */
  void dispatch(JobWait wait, ServerProfile p, Instant createdHereAt) {
    if (wait.isDone()) {
      return;
    }
    if (plan.pollsOnly() || p.seed()) {
      poll(wait, p);
      return;
    }
    if (plan.events() && p.events()) {
      if (dispatcher(p).watch(wait, createdHereAt)) {
        return;
      }
      awayFromEvents.add(wait);
      wait.future().whenComplete((job, error) -> awayFromEvents.remove(wait));
    }
    Duration maxWait = plan.longPollWait() != null ? plan.longPollWait() : p.maxWait();
    startLongPollOrPolling(wait, p, maxWait);
  }

  /** Polls on the client's schedule, merging due polls into batch reads when both sides allow. */
  void poll(JobWait wait, ServerProfile p) {
    ScheduleStrategy schedule = plan.polling();
    BatchReader merger = null;
    if (schedule.mergesPolls() && p.batch()) {
      synchronized (this) {
        if (pollMerger == null) {
          pollMerger = new BatchReader(context, p, schedule::mergeWindow);
        }
        merger = pollMerger;
      }
    }
    new PollingDriver(context, wait, p, schedule, merger).start();
  }

  /**
   * Returns the name of the channel in use: the configured strategy's name until the server is
   * known ({@code known} null) or when it only polls, else {@code events}, {@code long-poll} or
   * the polling schedule's name.
   */
  String name(ServerProfile known) {
    if (known == null || plan.pollsOnly()) {
      return strategyName;
    }
    EventDispatcher d = dispatcher;
    if (plan.events() && known.events() && (d == null || !d.failed())) {
      return "events";
    }
    return afterEvents(known);
  }

  /** Closes the event stream, if it was opened. */
  void close() {
    EventDispatcher d = dispatcher;
    if (d != null) {
      d.close();
    }
  }

  /** The channel a wait that cannot use events goes to. */
  private String afterEvents(ServerProfile p) {
    return plan.longPoll() && p.longPoll() && !longPollFailed ? "long-poll" : plan.polling().name();
  }

  private void startLongPollOrPolling(JobWait wait, ServerProfile p, Duration maxWait) {
    if (plan.longPoll() && p.longPoll() && !longPollFailed) {
      if (!(p.batchLongPoll() && groups(p, maxWait).join(wait))) {
        new LongPollDriver(context, wait, p, maxWait, this::longPollFailed).start();
      }
    } else {
      poll(wait, p);
    }
  }

  /** The client's batch long polls; made at the first wait that uses them. */
  private synchronized LongPollGroups groups(ServerProfile p, Duration maxWait) {
    if (longPollGroups == null) {
      longPollGroups = new LongPollGroups(context, p, maxWait, (waits, cause) -> {
        LoggerFactory.getLogger(ChannelChoice.class)
            .debug("batch long polls failed ({}); {} waits long poll one by one", cause.toString(), waits.size());
        waits.forEach(w -> new LongPollDriver(context, w, p, maxWait, this::longPollFailed).start());
      });
    }
    return longPollGroups;
  }

  private void longPollFailed(JobWait wait, Throwable cause) {
    if (!longPollFailed) {
      longPollFailed = true;
      listener.channelChanged("long-poll", plan.polling().name(), cause);
    }
    profileFor.apply(wait).thenAccept(p -> poll(wait, p));
  }

  private EventDispatcher dispatcher(ServerProfile p) {
    EventDispatcher d = dispatcher;
    if (d == null) {
      synchronized (this) {
        d = dispatcher;
        if (d == null) {
          d = new EventDispatcher(context, new BatchReader(context, p, () -> BatchReader.EVENTS_WINDOW), eventSources,
              (waits, cause) -> {
                listener.channelChanged("events", afterEvents(p), cause);
                waits.forEach(w -> dispatch(w, p, null));
              }, () -> backToEvents(p));
          dispatcher = d;
        }
      }
    }
    return d;
  }

  /**
   * Hands the waits that fell back from the event stream back to it once a re-probe opened it:
   * each leaves its driver (whose request is aborted) and is re-read in a batch, so a job that
   * ended during the move is neither lost nor reported twice.
   */
  private void backToEvents(ServerProfile p) {
    listener.channelChanged(afterEvents(p), "events", null);
    for (JobWait w : new ArrayList<>(awayFromEvents)) {
      awayFromEvents.remove(w);
      if (!w.isDone()) {
        w.moveChannel();
        if (!dispatcher.watch(w, null)) {
          dispatch(w, p, null);
        }
      }
    }
  }
}
