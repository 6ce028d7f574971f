package dev.vtstatus.server.internal.jobs;

import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.server.ServerConfig;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Draws each job's duration and outcome once, from a random source derived from the server's seed
 * and the job's creation sequence number, so that the same seed gives the same plans in the same
 * order whatever else happens in between. Immutable and thread-safe.
 */
final class JobPlanner {
  /** A job's fate: how long it stays pending and how it ends. */
  record Plan(Duration duration, JobStatus outcome) {}

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private final long seed;
  private final long minMillis;
  private final long maxMillis;
  private final double errorProbability;

  JobPlanner(ServerConfig config) {
    this.seed = config.simulation().seed() != null ? config.simulation().seed() : new SecureRandom().nextLong();
    this.minMillis = config.simulation().minDelay().toMillis();
    this.maxMillis = config.simulation().maxDelay().toMillis();
    this.errorProbability = config.simulation().errorProbability();
  }

  /** Returns the seed in use (the configured one, or the one drawn at start). */
  long seed() {
    return seed;
  }

  /**
   * Returns the plan of the job with the given creation sequence number; overrides from the
   * request replace the drawn values. Both values are always drawn, so an override of one does not
   * shift the other.
   */
  Plan plan(long sequence, Duration forcedDuration, JobStatus forcedOutcome) {
    SplittableRandom random = new SplittableRandom(seed + sequence * GOLDEN_GAMMA);
    long millis = minMillis == maxMillis ? minMillis : random.nextLong(minMillis, maxMillis + 1);
    boolean error = random.nextDouble() < errorProbability;
    Duration duration = forcedDuration != null ? forcedDuration : Duration.ofMillis(millis);
    JobStatus outcome =
        forcedOutcome != null ? forcedOutcome : error ? JobStatus.ERROR : JobStatus.COMPLETED;
    return new Plan(duration, outcome);
  }
}
