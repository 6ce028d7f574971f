package dev.vtstatus.client.internal;

import dev.vtstatus.client.internal.wait.ReplicaFailures;
import dev.vtstatus.client.internal.wait.Replicas;
import dev.vtstatus.client.internal.sse.EventStreamStatusException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;

/**
 * Which replica the client's one event stream connects to. The stream stays on one replica (the
 * one {@link Replicas#pick()} gave its first connect) while that replica is in service, and moves
 * on when it fails:
 *
 * <ul>
 *   <li>a connect that fails there (refused, timed out, or a gateway's 502, 503 or 504) sets the
 *       replica aside for every request ({@link Replicas#gone}) and the next connect goes to
 *       another replica at once;
 *   <li>an open stream that is lost (reset, ended, silent) most often means its replica died: the
 *       next connect goes to the next replica at once rather than after the server's {@code retry:}
 *       (the replica is probed at once, and set aside only if it does not answer, since servers
 *       also end streams on purpose). At most one such
 *       move per {@link #FAST_MOVE_SPACING}: a stream lost again soon after takes the backoff, so
 *       streams that keep ending never make a reconnect loop.
 * </ul>
 *
 * With one replica nothing moves and the connection's backoff applies to every reconnect.
 * Thread-safe.
 */
final class StreamPlacement {
  /** The least time between two moves of a lost stream to another replica without a backoff. */
  static final Duration FAST_MOVE_SPACING = Duration.ofSeconds(1);

  private final Replicas replicas;
  private final Clock clock;
  private URI base;
  private Instant lastFastMove;

  StreamPlacement(Replicas replicas, Clock clock) {
    this.replicas = replicas;
    this.clock = clock;
  }

  /** Returns the replica the next connect goes to. */
  synchronized URI connectTo() {
    base = base == null ? replicas.pick() : replicas.stay(base);
    return base;
  }

  /** The stream opened: its replica answered. */
  void opened() {
    URI b;
    synchronized (this) {
      b = base;
    }
    if (b != null) {
      replicas.answered(b);
    }
  }

  /**
   * Told of each failure the connection will retry; returns whether the next connect goes to
   * another replica, so it should be made at once.
   */
  boolean movesOn(Throwable cause) {
    if (replicas.size() < 2) {
      return false;
    }
    URI was;
    synchronized (this) {
      was = base;
    }
    if (was == null) {
      return false;
    }
    if (connectFailed(cause)) {
      replicas.gone(was, cause);
      synchronized (this) {
        base = replicas.stay(was);
        return !base.equals(was);
      }
    }
    if (cause instanceof EventStreamStatusException) {
      return false;
    }
    replicas.check(was, cause);
    synchronized (this) {
      Instant now = clock.instant();
      if (lastFastMove != null && now.isBefore(lastFastMove.plus(FAST_MOVE_SPACING))) {
        return false;
      }
      base = replicas.other(was);
      if (base.equals(was)) {
        return false;
      }
      lastFastMove = now;
      return true;
    }
  }

  /**
   * Returns whether a stream's failure says its replica is gone: a connect that failed or timed
   * out, or a gateway's 502, 503 or 504.
   */
  static boolean connectFailed(Throwable cause) {
    Throwable c = cause;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof EventStreamStatusException status) {
      return status.statusCode() == 502 || status.statusCode() == 503 || status.statusCode() == 504;
    }
    return ReplicaFailures.isUnreachable(c) || c instanceof HttpTimeoutException;
  }
}
