package dev.vtstatus.client.fakes;

import dev.vtstatus.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A scheduler on a {@link FakeClock}: tasks run only when a test runs them, in time order (FIFO at
 * equal times), the clock jumping to each task's time. Thread-safe.
 */
public final class FakeScheduler implements ScheduledExecutorService {
  private final FakeClock clock;
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private volatile boolean shutdown;

  public FakeScheduler(FakeClock clock) {
    this.clock = clock;
  }

  public FakeClock clock() {
    return clock;
  }

  private final class Task extends CompletableFuture<Object> implements ScheduledFuture<Object> {
    final Instant at;
    final long seq = sequence.incrementAndGet();
    final Runnable body;

    Task(Instant at, Runnable body) {
      this.at = at;
      this.body = body;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(Duration.between(clock.instant(), at).toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      Task t = (Task) o;
      int c = at.compareTo(t.at);
      return c != 0 ? c : Long.compare(seq, t.seq);
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      synchronized (FakeScheduler.this) {
        queue.remove(this);
      }
      return super.cancel(mayInterrupt);
    }
  }

  private Task add(Duration delay, Runnable body) {
    if (shutdown) {
      throw new RejectedExecutionException("shut down");
    }
    Task t = new Task(clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), body);
    synchronized (this) {
      queue.add(t);
    }
    return t;
  }

  /** Returns the time of the earliest task, or null when there is none. */
  public synchronized Instant nextTime() {
    Task t = queue.peek();
    return t == null ? null : t.at;
  }

  /** Returns how many tasks wait. */
  public synchronized int pending() {
    return queue.size();
  }

  /** Runs every task due now (including ones they add for now); returns whether any ran. */
  public boolean runDue() {
    boolean ran = false;
    while (true) {
      Task t;
      synchronized (this) {
        t = queue.peek();
        if (t == null || t.at.isAfter(clock.instant())) {
          return ran;
        }
        queue.poll();
      }
      run(t);
      ran = true;
    }
  }

  /** Moves the clock to the next task's time and runs what is due; false when nothing is queued. */
  public boolean advanceToNext() {
    Instant next = nextTime();
    if (next == null) {
      return false;
    }
    if (next.isAfter(clock.instant())) {
      clock.set(next);
    }
    runDue();
    return true;
  }

  /** Runs tasks in time order until nothing is left or {@code until} holds; bounded. */
  public void runUntil(BooleanSupplier until) {
    for (int i = 0; i < 1_000_000 && !until.getAsBoolean(); i++) {
      if (!runDue() && !advanceToNext()) {
        return;
      }
    }
  }

  /** Runs tasks until none are left, bounded in number. */
  public void runUntilIdle() {
    runUntil(() -> false);
  }

  /** Advances the clock by {@code d}, running every task due on the way at its own time. */
  public void advance(Duration d) {
    Instant end = clock.instant().plus(d);
    while (true) {
      runDue();
      Instant next = nextTime();
      if (next == null || next.isAfter(end)) {
        break;
      }
      clock.set(next);
    }
    clock.set(end);
    runDue();
  }

  private static void run(Task t) {
    if (t.isDone()) {
      return;
    }
    try {
      t.body.run();
      t.complete(null);
    } catch (RuntimeException e) {
      t.completeExceptionally(e);
    }
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(Duration.ofNanos(unit.toNanos(delay)), command);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void execute(Runnable command) {
    add(Duration.ZERO, command);
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    synchronized (this) {
      queue.clear();
    }
    return new ArrayList<>();
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Future<?> submit(Runnable task) {
    return add(Duration.ZERO, task);
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks) {
    throw new UnsupportedOperationException();
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }
}
