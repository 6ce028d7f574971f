package dev.vtstatus.server.internal.store;

import dev.vtstatus.server.ServerConfig;

/**
 * What a store may hold, the same for every store kind. Immutable.
 *
 * @param maxJobs the most client jobs retained; the ones that ended longest ago are evicted first
 * @param eventBufferSize the most events kept for replay
 * @param maxPendingPerOwner the most pending jobs one owner (API key) may hold at once
 * @param memoryBudget the most bytes the retained jobs, the kept events and the idempotency records
 *     may take together, as estimated by {@link JobRecord#sizeBytes()} and the events' sizes; the
 *     events take at most a quarter of it
 */
public record StoreLimits(int maxJobs, int eventBufferSize, int maxPendingPerOwner, long memoryBudget) {
  /** The share of the budget the kept events may take. */
  public static final int EVENT_SHARE_DIVISOR = 4;

  /**
   * Returns the limits a config sets: with API keys, each key (and the admin key) may hold {@code
   * maxJobs / keys} pending jobs, at least one, so that one caller cannot lock out the rest.
   */
  public static StoreLimits of(ServerConfig config) {
    int share = Math.max(1, config.limits().maxJobs() / Math.max(1, config.auth().apiKeys().size()));
    return new StoreLimits(config.limits().maxJobs(), config.limits().eventBufferSize(), share, config.limits().memoryBudget());
  }

  /** Returns limits with only counts: no per-owner share beyond the job cap and no byte budget. */
  public static StoreLimits counts(int maxJobs, int eventBufferSize) {
    return new StoreLimits(maxJobs, eventBufferSize, maxJobs, Long.MAX_VALUE);
  }

  /** Returns the most bytes the kept events may take. */
  public long eventBudget() {
    return memoryBudget / EVENT_SHARE_DIVISOR;
  }
}
