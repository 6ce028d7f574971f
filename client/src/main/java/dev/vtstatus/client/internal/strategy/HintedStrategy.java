package dev.vtstatus.client.internal.strategy;

import dev.vtstatus.protocol.Job;
import java.time.Duration;
import java.time.Instant;

/**
 * Follows the server's hints on pending answers, kept between a floor and a cap.
 *
 * <p>With {@code estimated_completion_at}: the server's remaining-time estimate {@code r} is off by
 * up to {@code ±noise} of the true remaining time, so the job ends between {@code lo = r/(1+noise)}
 * and {@code hi = r/(1-noise)} from now. When that window is no wider than the latency target the
 * next poll goes at {@code hi} (the job is surely done, at most the target late); otherwise at
 * {@code lo + target}: a job that ended by then is detected within the target, and one that did not
 * answers with a sharper estimate. The estimate, when present, takes precedence over {@code
 * poll_after_ms} and {@code Retry-After}: those carry the same noisy estimate (the header rounded up
 * to whole seconds), and waiting them out would land polls after the job ended as often as before.
 * Without an estimate the poll hint decides; with no hint at all the seed schedule does. Immutable
 * and thread-safe.
 */
public final class HintedStrategy extends ScheduleStrategy {
  private final Duration floor;
  private final Duration cap;
  private final double noise;
  private final double latencyShare;
  /** The lowest floor a given latency target brings the floor down to. */
  static final Duration TARGET_FLOOR = Duration.ofMillis(5);

  /**
   * Creates the strategy.
   *
   * @param floor the shortest delay between polls
   * @param cap the longest delay between polls
   * @param noise the assumed relative error of the server's estimates, 0 to below 1
   * @param latencyShare the detection-latency target as a share of the job's expected duration
   */
  public HintedStrategy(Duration floor, Duration cap, double noise, double latencyShare) {
    this.floor = Checks.positive("floor", floor);
    this.cap = Checks.positive("cap", cap);
    if (cap.compareTo(floor) < 0) {
      throw new IllegalArgumentException("cap must be at least floor (" + floor + "), was " + cap);
    }
    if (!(noise >= 0 && noise < 1)) {
      throw new IllegalArgumentException("noise must be in [0, 1), was " + noise);
    }
    if (!(latencyShare > 0 && latencyShare <= 1)) {
      throw new IllegalArgumentException("latencyShare must be in (0, 1], was " + latencyShare);
    }
    this.noise = noise;
    this.latencyShare = latencyShare;
  }

  /**
   * Returns the defaults: floor 25 ms, cap 30 s, noise 0.3, latency target 5% of the duration. The
   * floor only acts on the last step, a poll planned for the moment the job is surely done; it is
   * small so that on jobs of a second or less that step does not dwarf the latency target.
   */
  public static HintedStrategy defaults() {
    return new HintedStrategy(Duration.ofMillis(25), Duration.ofSeconds(30), 0.3, 0.05);
  }

  @Override
  public String name() {
    return "hinted";
  }

  @Override
  public boolean mergesPolls() {
    return true;
  }

  @Override
  public PollPlanner newPlanner() {
    PollPlanner fallback = ExponentialStrategy.seed().newPlanner();
    return input -> {
      if (input.lastSeen() == null) {
        return input.polls() == 0 ? Duration.ZERO : fallback.nextDelay(input);
      }
      Duration hinted = plan(input, null, noise);
      return hinted != null ? hinted : fallback.nextDelay(input);
    };
  }

  /**
   * Plans from the hints of the last answer, or returns null when it has none.
   *
   * @param latencyTarget the detection-latency target to use, or null for the share of the job's
   *     expected duration. A given target also lowers the floor to itself (but not below {@link
   *     #TARGET_FLOOR}): a look planned to land within a target must not be pushed past it.
   * @param noise the relative error of the estimates to allow for, 0 to below 1
   */
  Duration plan(PollInput input, Duration latencyTarget, double noise) {
    Job job = input.lastSeen();
    Duration pollHint = job.pollAfter() != null ? job.pollAfter() : input.retryAfter();
    Instant eta = job.estimatedCompletionAt();
    if (eta == null) {
      return pollHint == null ? null : Checks.clamp(pollHint, floor, cap);
    }
    Duration low = latencyTarget == null ? floor : Checks.clamp(latencyTarget, TARGET_FLOOR, floor);
    Duration remaining = Duration.between(input.now(), eta);
    if (remaining.isNegative() || remaining.isZero()) {
      return low;
    }
    double r = remaining.toNanos() / 1e9;
    double lo = r / (1 + noise);
    double hi = r / (1 - noise);
    double target = latencyTarget != null
        ? latencyTarget.toNanos() / 1e9
        : latencyShare * expectedSeconds(input);
    double seconds = hi - lo <= target ? hi : lo + target;
    return Checks.clamp(Checks.ofSecondsDouble(seconds), low, cap);
  }

  /**
   * Returns the job's expected duration in seconds, from its last answer's estimate (creation to
   * the estimated end, at least the time still estimated), or NaN when that answer has none.
   */
  static double expectedSeconds(PollInput input) {
    Job job = input.lastSeen();
    Instant eta = job == null ? null : job.estimatedCompletionAt();
    if (eta == null) {
      return Double.NaN;
    }
    Instant origin = input.createdAt() != null ? input.createdAt() : input.waitStart();
    return Math.max(Duration.between(input.now(), eta).toNanos(), Duration.between(origin, eta).toNanos()) / 1e9;
  }

  /** Returns the relative error of the server's estimates allowed for. */
  public double noise() {
    return noise;
  }

  /** Returns the floor. */
  public Duration floor() {
    return floor;
  }

  /** Returns the cap. */
  public Duration cap() {
    return cap;
  }
}
