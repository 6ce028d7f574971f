package dev.vtstatus.server;

import java.time.Duration;

/**
 * What a {@link JobServer} bounds: waits, jobs, events, bodies, connections and memory. Part of
 * {@link ServerConfig}; immutable, every value checked with a message naming it.
 *
 * @param maxWait the longest long poll the server holds
 * @param maxJobs the most jobs retained; the oldest terminal ones are evicted first
 * @param eventBufferSize how many events a reconnecting stream client can replay
 * @param maxBodySize the largest request body accepted, in bytes
 * @param heartbeat how often event streams send a comment to keep idle connections open
 * @param headerTimeout how long a request's headers may take to arrive, from their first byte
 * @param maxConnections the most connections open at once; more are closed at once
 * @param memoryBudget the most bytes retained jobs, kept events and idempotency records may take
 */
public record LimitsConfig(
    Duration maxWait,
    int maxJobs,
    int eventBufferSize,
    int maxBodySize,
    Duration heartbeat,
    Duration headerTimeout,
    int maxConnections,
    long memoryBudget) {

  /** Checks every value. */
  public LimitsConfig {
    ConfigChecks.requireNonNegative("maxWait", maxWait);
    ConfigChecks.requireRange("maxJobs", maxJobs, 1, Integer.MAX_VALUE);
    ConfigChecks.requireRange("eventBufferSize", eventBufferSize, 1, Integer.MAX_VALUE);
    ConfigChecks.requireRange("maxBodySize", maxBodySize, 1, Integer.MAX_VALUE);
    ConfigChecks.requirePositive("heartbeat", heartbeat);
    ConfigChecks.requirePositive("headerTimeout", headerTimeout);
    ConfigChecks.requireRange("maxConnections", maxConnections, 1, Integer.MAX_VALUE);
    ConfigChecks.requireRange("memoryBudget", memoryBudget, 1, Long.MAX_VALUE);
  }
}
