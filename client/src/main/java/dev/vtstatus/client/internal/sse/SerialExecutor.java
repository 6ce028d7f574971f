package dev.vtstatus.client.internal.sse;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a delegate executor that may have many threads.
 * A task that throws is logged and does not stop the ones after it.
 *
 * <p>Thread-safe: any thread may submit.
 */
final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor delegate;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();

  SerialExecutor(Executor delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Queues a task; it runs after every task queued before it has finished. */
  @Override
  public void execute(Runnable task) {
    tasks.add(Objects.requireNonNull(task, "task"));
    schedule();
  }

  private void schedule() {
    if (tasks.isEmpty() || !draining.compareAndSet(false, true)) {
      return;
    }
    try {
      delegate.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // The scheduler is shut down, so nobody is left to receive these calls.
      tasks.clear();
      draining.set(false);
      log.debug("dropping listener calls: the scheduler is shut down", e);
    }
  }

  private void drain() {
    try {
      Runnable task;
      while ((task = tasks.poll()) != null) {
        try {
          task.run();
        } catch (RuntimeException e) {
          log.warn("event stream listener threw; ignoring it", e);
        }
      }
    } finally {
      draining.set(false);
    }
    // A task queued between the last poll and the reset above must not be stranded.
    schedule();
  }
}
