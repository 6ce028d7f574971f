package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.WaitListener;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The base URLs of the replicas a client talks to (replicas of one service, sharing one store) and
 * which of them take requests now. Each request goes to the next replica in service, in turn (round
 * robin), so a client's requests and waits are spread over every replica that answers. A replica
 * that stops answering (a connect refused or timed out, or {@value #FAILURES_BEFORE_ASIDE} resets,
 * request timeouts, 502, 503 or 504 in a row there) is set aside: the failure that notices reports
 * one switch to {@link WaitListener#replicaSwitched}, however many requests failed there at once,
 * and the replica gets no requests for a backoff ({@link #FIRST_BACKOFF}, doubling up to
 * {@link #MAX_BACKOFF} while it stays down). Once the backoff is over, the next request that picks a
 * replica also sends a cheap probe there ({@code GET /healthz}, through the given probe function);
 * an answer puts the replica back in service ({@link WaitListener#replicaRecovered}), a failure sets
 * it aside for the next, longer backoff. When every replica is set aside, requests go to the one
 * whose backoff ends first, and any answer from a replica puts it back. With one URL nothing is ever
 * set aside. Every request is built on the first URL and moved onto its replica with {@link
 * #on(URI, URI)} just before it is sent. Thread-safe.
 */
public final class Replicas {
  /** Failures in a row on one reachable replica before it is set aside. */
  public static final int FAILURES_BEFORE_ASIDE = 2;
  /** How long a replica is set aside the first time: 1 s. */
  public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  /** The longest a replica is set aside before it is probed again: 30 s. */
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** The retry rule without jitter: only this client probes the replica it set aside. */
  private static final Backoff ASIDE = new Backoff(FIRST_BACKOFF, MAX_BACKOFF, () -> 1.0);

  private final List<URI> bases;
  private final Clock clock;
  private final WaitListener listener;
  private final Function<URI, CompletableFuture<Boolean>> probe;
  private final Replica[] replicas;
  private int turn;

  /** Where one replica stands; guarded by the set's lock. */
  private static final class Replica {
    int failuresInRow;
    /** Null while in service. */
    Instant asideUntil;
    /** Times set aside since it last answered a request, which sets the next backoff. */
    int timesAside;
    boolean probing;
  }

  /**
   * Creates the set, every replica in service, the first one first.
   *
   * @param bases the replicas' base URLs without trailing slash, at least one
   * @param clock reads the time for the backoffs
   * @param listener hears of every switch and every return
   * @param probe asks a replica set aside whether it answers again; completes with true when it does
   */
  public Replicas(
      List<URI> bases, Clock clock, WaitListener listener, Function<URI, CompletableFuture<Boolean>> probe) {
    if (bases.isEmpty()) {
      throw new IllegalArgumentException("at least one base URL is needed");
    }
    this.bases = List.copyOf(bases);
    this.clock = clock;
    this.listener = listener;
    this.probe = probe;
    this.replicas = new Replica[bases.size()];
    for (int i = 0; i < replicas.length; i++) {
      replicas[i] = new Replica();
    }
  }

  /** Returns how many replicas there are. */
  public int size() {
    return bases.size();
  }

  /** Returns the base URL the next request goes to, and probes the replicas whose backoff is over. */
  public URI pick() {
    if (bases.size() == 1) {
      return bases.get(0);
    }
    List<URI> due = new ArrayList<>(1);
    URI chosen;
    synchronized (this) {
      Instant now = clock.instant();
      for (int i = 0; i < replicas.length; i++) {
        Replica r = replicas[i];
        if (r.asideUntil != null && !r.probing && !now.isBefore(r.asideUntil)) {
          r.probing = true;
          due.add(bases.get(i));
        }
      }
      int k = nextInService(turn, -1);
      turn = k + 1;
      chosen = bases.get(k);
    }
    due.forEach(this::probe);
    return chosen;
  }

  /**
   * Returns {@code base} while it is in service, else the next replica in service after it: where
   * a long-lived request (the event stream) stays, moving only when its replica is set aside.
   */
  public URI stay(URI base) {
    synchronized (this) {
      int i = bases.indexOf(base);
      if (i >= 0 && replicas[i].asideUntil == null) {
        return base;
      }
    }
    return pick();
  }

  /** Returns the next replica in service after {@code base}, or {@code base} when it is the only one. */
  public synchronized URI other(URI base) {
    int i = bases.indexOf(base);
    return bases.get(nextInService(i + 1, i));
  }

  /**
   * Returns the index of the first replica in service from {@code from} on (in a ring), skipping
   * {@code avoid} unless it is the only choice; when none is in service, the one back soonest.
   */
  private int nextInService(int from, int avoid) {
    int n = replicas.length;
    int soonest = -1;
    for (int step = 0; step < n; step++) {
      int k = Math.floorMod(from + step, n);
      if (k == avoid) {
        continue;
      }
      if (replicas[k].asideUntil == null) {
        return k;
      }
      if (soonest < 0 || replicas[k].asideUntil.isBefore(replicas[soonest].asideUntil)) {
        soonest = k;
      }
    }
    if (avoid >= 0 && (soonest < 0 || replicas[avoid].asideUntil == null)) {
      return avoid;
    }
    return soonest;
  }

  /** Notes that {@code base} answered a request: its failures in a row end and it is in service. */
  public void answered(URI base) {
    if (bases.size() > 1) {
      back(base, true);
    }
  }

  /**
   * Notes that a request failed on {@code base}; sets the replica aside when the failure, and those
   * before it there, say it is gone (see the class comment). A failure that is the request's own
   * (a 500, a 4xx) means the replica answered.
   *
   * @param jobId the job whose request noticed, or null
   * @return whether this failure set the replica aside
   */
  public boolean failed(URI base, String jobId, Throwable cause) {
    if (bases.size() == 1) {
      return false;
    }
    if (!ReplicaFailures.isReplicaDown(cause)) {
      back(base, true);
      return false;
    }
    synchronized (this) {
      int i = bases.indexOf(base);
      if (i < 0 || replicas[i].asideUntil != null) {
        return false;
      }
      Replica r = replicas[i];
      r.failuresInRow++;
      if (!ReplicaFailures.isUnreachable(cause) && r.failuresInRow < FAILURES_BEFORE_ASIDE) {
        return false;
      }
    }
    return setAsideOnce(base, jobId, cause);
  }

  /**
   * Sets {@code base} aside at once, whatever failed before: the event stream's connect failed
   * there (refused, timed out, or a gateway's 502, 503 or 504). Reports the switch unless it was
   * already set aside.
   */
  public void gone(URI base, Throwable cause) {
    if (bases.size() > 1) {
      setAsideOnce(base, null, cause);
    }
  }

  /**
   * Probes {@code base} at once, because a long-lived request there (the event stream) was cut:
   * sets it aside when it does not answer, so that no request has to find out by failing there.
   *
   * @param cause what was cut, reported as the switch's reason
   */
  public void check(URI base, Throwable cause) {
    synchronized (this) {
      int i = bases.indexOf(base);
      if (bases.size() == 1 || i < 0 || replicas[i].asideUntil != null || replicas[i].probing) {
        return;
      }
      replicas[i].probing = true;
    }
    ask(base).whenComplete((alive, error) -> {
      synchronized (this) {
        replicas[bases.indexOf(base)].probing = false;
      }
      if (!alive) {
        setAsideOnce(base, null, cause);
      }
    });
  }

  /** Sets {@code base} aside unless it already is, and reports the switch; returns whether it did. */
  private boolean setAsideOnce(URI base, String jobId, Throwable cause) {
    URI next;
    synchronized (this) {
      int i = bases.indexOf(base);
      if (i < 0 || replicas[i].asideUntil != null) {
        return false;
      }
      setAside(replicas[i]);
      next = bases.get(nextInService(i + 1, i));
    }
    listener.replicaSwitched(jobId, base, next, cause);
    return true;
  }

  private void setAside(Replica r) {
    r.failuresInRow = 0;
    r.probing = false;
    r.timesAside++;
    r.asideUntil = clock.instant().plus(ASIDE.delay(r.timesAside, null));
  }

  /** Completes with whether {@code base} answers its probe; never fails. */
  private CompletableFuture<Boolean> ask(URI base) {
    try {
      return probe.apply(base).handle((alive, error) -> error == null && Boolean.TRUE.equals(alive));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(false);
    }
  }

  private void probe(URI base) {
    ask(base).whenComplete((alive, error) -> {
      if (alive) {
        back(base, false);
      } else {
        synchronized (this) {
          Replica r = replicas[bases.indexOf(base)];
          if (r.probing && r.asideUntil != null) {
            setAside(r);
          }
        }
      }
    });
  }

  /**
   * Puts {@code base} back in service. Only a real request's answer ({@code served}) forgets how
   * often it was set aside: a replica that answers its probe but fails requests again gets longer
   * and longer backoffs instead of coming back every second.
   */
  private void back(URI base, boolean served) {
    boolean returned;
    synchronized (this) {
      int i = bases.indexOf(base);
      if (i < 0) {
        return;
      }
      Replica r = replicas[i];
      returned = r.asideUntil != null;
      r.asideUntil = null;
      r.probing = false;
      r.failuresInRow = 0;
      if (served) {
        r.timesAside = 0;
      }
    }
    if (returned) {
      listener.replicaRecovered(base);
    }
  }

  /** Returns {@code uri}, built on the first base URL, moved onto {@code base}. */
  public URI on(URI base, URI uri) {
    String primary = bases.get(0).toString();
    String s = uri.toString();
    if (base.equals(bases.get(0)) || !s.startsWith(primary)) {
      return uri;
    }
    return URI.create(base + s.substring(primary.length()));
  }
}
