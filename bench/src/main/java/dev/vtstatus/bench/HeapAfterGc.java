package dev.vtstatus.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches this JVM's garbage collections and keeps the heap still in use right after each one:
 * what a process truly holds, garbage not counted. The latest and the largest reading are kept.
 * Thread-safe; {@link #close()} stops watching.
 */
final class HeapAfterGc implements AutoCloseable {
  private final AtomicLong peakBytes = new AtomicLong(-1);
  private final AtomicLong lastBytes = new AtomicLong(-1);
  private final Set<String> heapPools = new HashSet<>();
  private final List<NotificationEmitter> collectors = new ArrayList<>();
  private final NotificationListener listener = this::onCollection;

  private HeapAfterGc() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        collectors.add(emitter);
      }
    }
  }

  /** Starts watching collections. */
  static HeapAfterGc watch() {
    return new HeapAfterGc();
  }

  private void onCollection(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    lastBytes.set(used);
    peakBytes.accumulateAndGet(used, Math::max);
  }

  /** Returns the most heap in use right after any collection so far, or -1 before the first. */
  long peakBytes() {
    return peakBytes.get();
  }

  /** Returns the heap in use right after the latest collection, or -1 before the first. */
  long lastBytes() {
    return lastBytes.get();
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : collectors) {
      try {
        emitter.removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        // not registered after all: nothing to remove
      }
    }
  }
}
