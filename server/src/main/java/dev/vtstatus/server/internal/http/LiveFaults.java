package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Faults;
import dev.vtstatus.server.ServerConfig;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault injection in force on this replica: set from the config at start, changed at run time
 * by {@code PUT /admin/faults}, put back by a reset. Each change swaps one immutable state, so a
 * request sees one consistent set of faults; a new rate limit starts with a full bucket. Shared by
 * every event loop of one server; thread-safe.
 */
public final class LiveFaults {
  /** The faults and the token bucket of their rate limit (null when there is none). */
  record State(Faults faults, Bucket rateLimit) {}

  private final Faults configured;
  private final AtomicReference<State> state = new AtomicReference<>();

  /** Starts with the faults of {@code config}. */
  public LiveFaults(ServerConfig config) {
    this.configured = config.faults();
    set(configured);
  }

  /** Returns the faults in force now. */
  public Faults faults() {
    return state.get().faults();
  }

  State state() {
    return state.get();
  }

  /** Puts {@code faults} in force for the requests that arrive from now on, and returns them. */
  public Faults set(Faults faults) {
    Objects.requireNonNull(faults, "faults");
    state.set(new State(faults, bucket(faults.rateLimit())));
    return faults;
  }

  /** Puts the configured faults back. */
  public Faults reset() {
    return set(configured);
  }

  private static Bucket bucket(Double rate) {
    if (rate == null) {
      return null;
    }
    long capacity = Math.max(1, (long) Math.ceil(rate));
    Duration period = Duration.ofNanos((long) (capacity * 1_000_000_000d / rate));
    return Bucket.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build();
  }
}
