package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.ApiException;
import dev.vtstatus.client.ClientClosedException;
import dev.vtstatus.protocol.Causes;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Long polls many waits together: {@code GET /v1/jobs?ids=a,b,c&wait=S}, which the server answers
 * as soon as any listed job is terminal or when {@code S} passes. A client waiting for 10,000 jobs
 * so holds 200 requests instead of 10,000 (each an HTTP/1.1 connection of the JDK client).
 *
 * <p>New waits gather, then go out in groups of at most {@link #GROUP} jobs: the gathering ends
 * when the wait that may gather least has gathered its share ({@link #gatherFor}: 5% of the time its
 * job is estimated to run on, from 5 ms to 250 ms), so a burst of creates fills whole groups; when a group's answer comes back, its still-pending members are renewed at
 * once, as the same group, asking for the same wait. The groups sent together do not ask for the same wait: the {@code i}-th of
 * {@code k} asks for {@code maxWait * (1 - SPREAD * i / k)}, so when nothing ends they come back one
 * after another rather than in a herd, and their renewals stay spread. An answer that came back
 * early with no job ended counts as the server ignoring {@code wait}: such groups rejoin after
 * {@link LongPollDriver#MIN_GAP}, and after {@link LongPollDriver#MAX_EARLY} in a row, or a refusal
 * of the route (a 400 or 501), the waits are handed to {@code onChannelFailure}. Thread-safe.
 */
public final class LongPollGroups {
  /** How long a wait whose job has no estimate gathers before its group is sent. */
  static final Duration WINDOW = Duration.ofMillis(5);
  /** How long a wait may gather, as a share of the time its job is still estimated to run. */
  static final double GATHER_SHARE = 0.05;
  /** The longest any wait gathers. */
  static final Duration MAX_GATHER = Duration.ofMillis(250);
  /**
   * The most jobs per request. Every answer carries every listed job, and one comes back per job
   * end, so the bytes read grow with the group; 50 keeps that small while 10,000 waits need only
   * 200 connections.
   */
  static final int GROUP = 50;
  /** The most jobs per group per second its median job is estimated to run on. */
  static final double PER_SECOND_LEFT = 10;
  /** How far apart the waits asked by groups sent together are, as a share of the longest. */
  static final double SPREAD = 0.25;

  private final ClientContext context;
  private final Duration maxWait;
  private final BiConsumer<List<JobWait>, Throwable> onChannelFailure;
  private final int group;
  private final Set<JobWait> gathering = new LinkedHashSet<>();
  /** When the waits gathering now are sent, or null when none gather. */
  private Instant flushAt;
  private int early;
  private boolean failed;

  /**
   * Creates the groups.
   *
   * @param maxWait the most one request asks the server to hold (cut to the server's maximum)
   * @param onChannelFailure receives the waits, once, when batch long polls do not work
   */
  public LongPollGroups(
      ClientContext context, ServerProfile profile, Duration maxWait, BiConsumer<List<JobWait>, Throwable> onChannelFailure) {
    this.context = context;
    Duration serverMax = profile.maxWait();
    this.maxWait = serverMax.isZero() || serverMax.compareTo(maxWait) >= 0 ? maxWait : serverMax;
    this.onChannelFailure = onChannelFailure;
    this.group = Math.max(1, Math.min(GROUP, profile.maxBatch()));
  }

  /** Long polls the wait's job with the next group; false when batch long polls have failed. */
  public boolean join(JobWait wait) {
    Instant now = context.clock().instant();
    Instant by = now.plus(gatherFor(wait, now));
    synchronized (gathering) {
      if (failed) {
        return false;
      }
      gathering.add(wait);
      if (flushAt != null && !by.isBefore(flushAt)) {
        return true;
      }
      flushAt = by;
    }
    schedule(() -> flush(by), Duration.between(now, by), List.of(wait));
    return true;
  }

  /**
   * Returns how long the wait may gather: {@link #GATHER_SHARE} of the time its job is still
   * estimated to run (its create answer, or the last answer, says), at most {@link #MAX_GATHER};
   * {@link #WINDOW} without an estimate. Even an estimate off by half is far from ending meanwhile,
   * while the waits of a burst of creates fill their groups instead of going a few at a time.
   */
  private static Duration gatherFor(JobWait wait, Instant now) {
    Job last = wait.pollInput(0).lastSeen();
    Instant eta = last == null || last.isTerminal() ? null : last.estimatedCompletionAt();
    if (eta == null || !eta.isAfter(now)) {
      return WINDOW;
    }
    Duration share = Duration.ofNanos((long) (Duration.between(now, eta).toNanos() * GATHER_SHARE));
    return share.compareTo(MAX_GATHER) > 0 ? MAX_GATHER : share.compareTo(WINDOW) < 0 ? WINDOW : share;
  }

  private void rejoin(List<JobWait> waits, Duration after) {
    if (after.isZero()) {
      waits.forEach(this::joinOrHandOver);
    } else {
      schedule(() -> waits.forEach(this::joinOrHandOver), after, waits);
    }
  }

  private void joinOrHandOver(JobWait wait) {
    if (!wait.isDone() && !join(wait)) {
      onChannelFailure.accept(List.of(wait), new IllegalStateException("batch long polls failed"));
    }
  }

  private void schedule(Runnable task, Duration delay, List<JobWait> waits) {
    try {
      context.scheduler().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      waits.forEach(w -> w.fail(new ClientClosedException()));
    }
  }

  /**
   * Returns how many jobs go in one group: {@link #PER_SECOND_LEFT} per second the median job of
   * {@code waits} is estimated to run on, from 1 to the most a group holds (that most without
   * estimates). A group of {@code k} jobs that end over {@code r} seconds sees about {@code k / r}
   * ends a second, each followed by a renewal of a few milliseconds in which a further end waits;
   * at 10 ends a second such waits stay rare, while jobs of a minute still fill groups of 50.
   */
  private int groupSize(List<JobWait> waits) {
    Instant now = context.clock().instant();
    double[] left = waits.stream()
        .map(w -> w.pollInput(0).lastSeen())
        .filter(job -> job != null && !job.isTerminal() && job.estimatedCompletionAt() != null)
        .mapToDouble(job -> Math.max(0, Duration.between(now, job.estimatedCompletionAt()).toNanos() / 1e9))
        .sorted().toArray();
    if (left.length == 0) {
      return group;
    }
    return (int) Math.max(1, Math.min(group, PER_SECOND_LEFT * left[left.length / 2]));
  }

  /** Sends the waits gathered, unless the flush due at {@code due} was replaced by an earlier one. */
  private void flush(Instant due) {
    Map<String, List<JobWait>> byId = new LinkedHashMap<>();
    synchronized (gathering) {
      if (!due.equals(flushAt)) {
        return;
      }
      for (JobWait w : gathering) {
        if (!w.isDone()) {
          byId.computeIfAbsent(w.jobId(), id -> new ArrayList<>()).add(w);
        }
      }
      gathering.clear();
      flushAt = null;
    }
    List<String> ids = new ArrayList<>(byId.keySet());
    int size = groupSize(byId.values().stream().map(list -> list.get(0)).toList());
    int groups = (ids.size() + size - 1) / size;
    for (int i = 0; i < groups; i++) {
      Map<String, List<JobWait>> members = new LinkedHashMap<>();
      for (String id : ids.subList(i * size, Math.min(ids.size(), (i + 1) * size))) {
        members.put(id, byId.get(id));
      }
      Duration asked = Duration.ofNanos((long) (maxWait.toNanos() * (1 - SPREAD * i / groups)));
      send(members, asked);
    }
  }

  private void send(Map<String, List<JobWait>> members, Duration asked) {
    List<JobWait> waits = members.values().stream().flatMap(List::stream).toList();
    Map<JobWait, Integer> channels = new java.util.HashMap<>();
    waits.forEach(w -> channels.put(w, w.channel()));
    Instant deadline = waits.stream().map(JobWait::deadline).max(Instant::compareTo).orElseThrow();
    Instant sent = context.clock().instant();
    context
        .readBatch(new ArrayList<>(members.keySet()), deadline, asked)
        .whenComplete((batch, error) -> {
          // waits moved to another channel meanwhile are no longer this group's
          List<JobWait> staying = waits.stream().filter(w -> w.channel() == channels.get(w)).toList();
          Map<String, List<JobWait>> current = new LinkedHashMap<>();
          staying.forEach(w -> current.computeIfAbsent(w.jobId(), id -> new ArrayList<>()).add(w));
          if (error != null) {
            onError(Causes.unwrap(error), staying);
          } else {
            onAnswer(batch, current, staying, Duration.between(sent, context.clock().instant()), asked);
          }
        });
  }

  private void onAnswer(
      JobBatch batch, Map<String, List<JobWait>> members, List<JobWait> waits, Duration took, Duration asked) {
    BatchReader.deliver(batch, members);
    List<JobWait> open = waits.stream().filter(w -> !w.isDone()).toList();
    boolean ended = !batch.notFound().isEmpty() || batch.jobs().stream().anyMatch(Job::isTerminal);
    if (ended || took.compareTo(asked.dividedBy(2)) >= 0) {
      synchronized (gathering) {
        early = 0;
      }
      if (!open.isEmpty()) {
        // renewed at once, as the same group: a job that ends now must not wait for a window
        Map<String, List<JobWait>> still = new LinkedHashMap<>();
        open.forEach(w -> still.computeIfAbsent(w.jobId(), id -> new ArrayList<>()).add(w));
        send(still, asked);
      }
      return;
    }
    boolean giveUp;
    synchronized (gathering) {
      giveUp = ++early >= LongPollDriver.MAX_EARLY;
    }
    if (giveUp) {
      channelFailed(open, new IllegalStateException("the server answers batch long polls without waiting"));
    } else {
      rejoin(open, LongPollDriver.MIN_GAP);
    }
  }

  /** A 400 or 501 refuses the route (the server announced it, so not the ids); anything else ends the waits. */
  private void onError(Throwable cause, List<JobWait> waits) {
    if (cause instanceof ApiException api && (api.statusCode() == 400 || api.statusCode() == 501)) {
      channelFailed(waits.stream().filter(w -> !w.isDone()).toList(), cause);
    } else {
      waits.forEach(w -> w.fail(cause));
    }
  }

  private void channelFailed(List<JobWait> waits, Throwable cause) {
    List<JobWait> handed = new ArrayList<>(waits);
    synchronized (gathering) {
      failed = true;
      handed.addAll(gathering);
      gathering.clear();
      flushAt = null;
    }
    onChannelFailure.accept(handed, cause);
  }
}
