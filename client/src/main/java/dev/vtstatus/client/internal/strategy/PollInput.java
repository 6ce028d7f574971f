package dev.vtstatus.client.internal.strategy;

import dev.vtstatus.protocol.Job;
import java.time.Duration;
import java.time.Instant;

/**
 * What a poll planner knows when it picks the next delay.
 *
 * @param now the current moment
 * @param waitStart when the wait began
 * @param createdAt when the job was created (server time when known, else the client's), or null
 * @param lastSeen the last answer about the job (the create answer counts), or null
 * @param retryAfter the {@code Retry-After} of the last answer, or null
 * @param polls how many polls were made so far in this wait
 */
public record PollInput(
    Instant now, Instant waitStart, Instant createdAt, Job lastSeen, Duration retryAfter, int polls) {

  /** Returns the job's age now: since creation when known, else since the wait began. */
  public Duration age() {
    Instant origin = createdAt != null ? createdAt : waitStart;
    Duration age = Duration.between(origin, now);
    return age.isNegative() ? Duration.ZERO : age;
  }
}
