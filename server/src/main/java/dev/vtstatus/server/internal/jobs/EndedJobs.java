package dev.vtstatus.server.internal.jobs;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One replica's cache of ended jobs as they are answered: an ended job never changes, so its reads
 * need not reach the store. Bounded by entries and by bytes; the oldest entries go first.
 * Thread-safe.
 */
final class EndedJobs {
  /** The most bytes of ended jobs' JSON a replica caches: 64 MiB, or an eighth of a smaller heap. */
  static final long MAX_BYTES = Math.min(64L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8);
  private final Map<String, JobView> views = new ConcurrentHashMap<>();
  private final Queue<String> order = new ConcurrentLinkedQueue<>();
  private final AtomicLong bytes = new AtomicLong();
  private final int maxEntries;
  private final long maxBytes;

  EndedJobs(int maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /** Returns the ended job, or null when it is not cached. */
  JobView get(String id) {
    return views.get(id);
  }

  /** Caches an ended job; a view that knows the terminal event id is never replaced by one that does not. */
  void put(JobView view) {
    views.compute(view.id(), (id, old) -> {
      if (old != null && old.terminalEventId() > 0 && view.terminalEventId() == 0) {
        return old;
      }
      if (old == null) {
        order.add(id);
      }
      bytes.addAndGet(view.rendered().json().length - (old == null ? 0 : old.rendered().json().length));
      return view;
    });
    while (views.size() > maxEntries || bytes.get() > maxBytes) {
      String oldest = order.poll();
      if (oldest == null) {
        return;
      }
      remove(oldest);
    }
  }

  /** Drops a job, e.g. one the store evicted. */
  void remove(String id) {
    JobView removed = views.remove(id);
    if (removed != null) {
      bytes.addAndGet(-removed.rendered().json().length);
    }
  }
}
