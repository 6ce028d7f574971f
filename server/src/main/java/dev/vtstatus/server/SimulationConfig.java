package dev.vtstatus.server;

import java.time.Duration;

/**
 * How a {@link JobServer} simulates jobs: how long they take, how often they fail, how noisy its
 * estimates are. Part of {@link ServerConfig}; immutable, every value checked with a message naming it.
 *
 * @param minDelay the shortest simulated job duration
 * @param maxDelay the longest simulated job duration, at least {@code minDelay}
 * @param errorProbability the chance that a job ends in error, 0 to 1
 * @param seed the seed of the random source; null draws one
 * @param estimateNoise how far off each estimate of the remaining time may be, as a fraction of it
 * @param maxSimulatedDuration the longest {@code simulate.duration_ms} a create may ask for
 */
public record SimulationConfig(
    Duration minDelay,
    Duration maxDelay,
    double errorProbability,
    Long seed,
    double estimateNoise,
    Duration maxSimulatedDuration) {

  /** Checks every value. */
  public SimulationConfig {
    ConfigChecks.requireNonNegative("minDelay", minDelay);
    ConfigChecks.requireNonNegative("maxDelay", maxDelay);
    if (minDelay.compareTo(maxDelay) > 0) {
      throw new IllegalArgumentException(
          "minDelay (" + minDelay + ") must not exceed maxDelay (" + maxDelay + ")");
    }
    ConfigChecks.requireShare("errorProbability", errorProbability);
    ConfigChecks.requireShare("estimateNoise", estimateNoise);
    ConfigChecks.requireNonNegative("maxSimulatedDuration", maxSimulatedDuration);
  }
}
