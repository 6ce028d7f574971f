package dev.vtstatus.server.internal.store.memory;

import java.util.concurrent.atomic.AtomicLong;

/** The bytes a memory store's jobs, events and idempotency records take together. Thread-safe. */
final class MemoryBudget {
  private final long max;
  private final AtomicLong used = new AtomicLong();

  MemoryBudget(long max) {
    this.max = max;
  }

  /** Adds {@code bytes} (negative to release). */
  void add(long bytes) {
    used.addAndGet(bytes);
  }

  /** Returns whether {@code more} bytes fit. */
  boolean fits(long more) {
    return used.get() + more <= max;
  }

  long max() {
    return max;
  }

  long used() {
    return used.get();
  }
}
