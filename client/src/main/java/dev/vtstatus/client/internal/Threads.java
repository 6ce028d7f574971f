package dev.vtstatus.client.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The client's own bounded thread pools, with named daemon threads. */
public final class Threads {
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private Threads() {}

  /** Returns a new client number, used in thread names. */
  public static int nextClientNumber() {
    return CLIENTS.incrementAndGet();
  }

  /** A scheduler of {@code threads} threads that drops cancelled timers at once. */
  public static ScheduledThreadPoolExecutor scheduler(int client, int threads) {
    ScheduledThreadPoolExecutor s =
        new ScheduledThreadPoolExecutor(threads, factory("vtstatus-client-" + client + "-scheduler-"));
    s.setRemoveOnCancelPolicy(true);
    s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return s;
  }

  /** A fixed pool of {@code threads} threads for the HTTP client. */
  public static ExecutorService http(int client, int threads) {
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(),
        factory("vtstatus-client-" + client + "-http-"));
  }

  private static ThreadFactory factory(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
