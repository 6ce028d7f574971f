package dev.vtstatus.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Samples, on its own daemon thread, what the client costs while a strategy runs: its threads,
 * their CPU time, the heap, and (optionally) the process's open sockets. Started and stopped by
 * one thread; not meant to be shared.
 *
 * <p>A "client thread" is one that did not exist when sampling started and is not a server thread
 * (as told by {@code serverThread}): so an embedded server's threads, the JVM's own and this
 * sampler are left out. The thread that called {@link #start} does the creating and is counted for
 * its CPU, not as a thread. CPU of a client thread that ends between two samples is counted up to
 * its last sample.
 */
final class ResourceSampler {

  private static final Path OWN_FDS = Path.of("/proc/self/fd");
  private static final int SOCKET_EVERY = 10;

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Predicate<String> serverThread;
  private final Duration period;
  private final boolean countSockets;
  private final Set<Long> before = new HashSet<>();
  private final Map<Long, Long> clientCpuNanos = new HashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final long callerId;
  private final long callerCpuAtStart;
  private final long processCpuAtStart;
  private volatile boolean running = true;
  private Thread sampler;
  private int peakThreads;
  private int peakJvmThreads;
  private long peakHeapBytes;
  private int peakSockets = -1;
  private final HeapAfterGc afterGc = HeapAfterGc.watch();

  private ResourceSampler(Predicate<String> serverThread, Duration period, boolean countSockets) {
    this.serverThread = serverThread;
    this.period = period;
    this.countSockets = countSockets;
    this.callerId = Thread.currentThread().getId();
    this.callerCpuAtStart = threads.getCurrentThreadCpuTime();
    this.processCpuAtStart = processCpuNanos();
    for (long id : threads.getAllThreadIds()) {
      before.add(id);
    }
  }

  /** Starts sampling every {@code period}; sockets are counted only when asked (it is costly). */
  static ResourceSampler start(
      Predicate<String> serverThread, Duration period, boolean countSockets) {
    ResourceSampler s = new ResourceSampler(serverThread, period, countSockets);
    s.sampler = new Thread(s::loop, "bench-resource-sampler");
    s.sampler.setDaemon(true);
    s.sampler.start();
    return s;
  }

  /** Stops sampling, takes a last sample and returns the peaks and CPU times. */
  ResourceUsage stop() {
    running = false;
    try {
      if (!stopped.await(period.toMillis() * 20 + 5_000, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the resource sampler did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the sampler", e);
    }
    sample(countSockets);
    afterGc.close();
    long callerCpu = threads.getThreadCpuTime(callerId) - callerCpuAtStart;
    long clientCpu = clientCpuNanos.values().stream().mapToLong(Long::longValue).sum() + callerCpu;
    return new ResourceUsage(
        TimeUnit.NANOSECONDS.toMillis(clientCpu),
        TimeUnit.NANOSECONDS.toMillis(processCpuNanos() - processCpuAtStart),
        peakThreads,
        peakJvmThreads,
        peakHeapBytes / (1024.0 * 1024.0),
        afterGc.peakBytes() < 0 ? Double.NaN : afterGc.peakBytes() / (1024.0 * 1024.0),
        peakSockets);
  }

  private void loop() {
    try {
      int round = 0;
      while (running) {
        sample(countSockets && round++ % SOCKET_EVERY == 0);
        // A plain park between samples: this is the measuring tool, not code under test.
        java.util.concurrent.locks.LockSupport.parkNanos(period.toNanos());
      }
    } finally {
      stopped.countDown();
    }
  }

  private synchronized void sample(boolean sockets) {
    long[] ids = threads.getAllThreadIds();
    peakJvmThreads = Math.max(peakJvmThreads, ids.length);
    int client = 0;
    for (ThreadInfo info : threads.getThreadInfo(ids, 0)) {
      if (info == null || before.contains(info.getThreadId())
          || info.getThreadId() == sampler.getId() || serverThread.test(info.getThreadName())) {
        continue;
      }
      client++;
      long cpu = threads.getThreadCpuTime(info.getThreadId());
      if (cpu > 0) {
        clientCpuNanos.merge(info.getThreadId(), cpu, Math::max);
      }
    }
    peakThreads = Math.max(peakThreads, client);
    peakHeapBytes = Math.max(peakHeapBytes, memory.getHeapMemoryUsage().getUsed());
    if (sockets) {
      peakSockets = Math.max(peakSockets, openSockets());
    }
  }

  /** Returns the sockets this process holds open (Linux), or -1 when that cannot be read. */
  static int openSockets() {
    try (Stream<Path> fds = Files.list(OWN_FDS)) {
      return (int)
          fds.filter(
                  fd -> {
                    try {
                      return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                    } catch (IOException | UnsupportedOperationException e) {
                      return false;
                    }
                  })
              .count();
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /**
   * What the sampler saw.
   *
   * @param clientCpuMs CPU of the client's threads plus the creating thread, ms
   * @param processCpuMs CPU of the whole process, ms
   * @param peakThreads the most client threads alive at once
   * @param peakJvmThreads the most threads alive in the JVM at once
   * @param peakHeapMb the most heap in use at once, MiB (garbage not yet collected included)
   * @param peakHeapAfterGcMb the most heap still in use right after a collection, MiB; NaN when no
   *     collection ran
   * @param peakSockets the most open sockets of the process, -1 when not counted
   */
  record ResourceUsage(
      long clientCpuMs,
      long processCpuMs,
      int peakThreads,
      int peakJvmThreads,
      double peakHeapMb,
      double peakHeapAfterGcMb,
      int peakSockets) {}
}
