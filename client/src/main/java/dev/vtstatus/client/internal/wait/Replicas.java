package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.ApiException;
import dev.vtstatus.client.WaitListener;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The base URLs of the replicas a client talks to (replicas of one service, sharing one store) and
 * the one it uses now. Every request is built on the first URL and moved onto the current replica
 * just before it is sent, so one replica serves the whole client until it stops answering; then the
 * client moves on to the next in the list, in a ring. The first request to notice a dead replica
 * moves the client on; others that failed on it at the same moment simply follow, so one outage
 * is one switch, reported once to {@link WaitListener#replicaSwitched}. With one URL nothing ever
 * switches. Thread-safe and lock-free.
 */
public final class Replicas {
  private final List<URI> bases;
  private final AtomicInteger current = new AtomicInteger();
  private final WaitListener listener;

  /**
   * Creates the set, starting on the first URL.
   *
   * @param bases the replicas' base URLs without trailing slash, at least one
   * @param listener hears of every switch
   */
  public Replicas(List<URI> bases, WaitListener listener) {
    if (bases.isEmpty()) {
      throw new IllegalArgumentException("at least one base URL is needed");
    }
    this.bases = List.copyOf(bases);
    this.listener = listener;
  }

  /** Returns how many replicas there are. */
  public int size() {
    return bases.size();
  }

  /** Returns the base URL requests go to now. */
  public URI current() {
    return bases.get(Math.floorMod(current.get(), bases.size()));
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

  /**
   * Moves the client on from {@code failed}, the replica a request just failed on, to the next one,
   * unless the client already left it; returns the base URL to use now.
   *
   * @param jobId the job whose request noticed, or null
   * @param cause why the replica is taken for gone
   */
  public URI leave(URI failed, String jobId, Throwable cause) {
    int seen = current.get();
    if (bases.size() > 1
        && bases.get(Math.floorMod(seen, bases.size())).equals(failed)
        && current.compareAndSet(seen, seen + 1)) {
      URI next = current();
      listener.replicaSwitched(jobId, failed, next, cause);
      return next;
    }
    return current();
  }

  /**
   * Returns whether a failure suggests the replica itself is gone or unhealthy rather than the
   * request being wrong: an I/O failure (connect refused, reset, timeout) or a gateway's 502, 503
   * or 504.
   */
  public static boolean isReplicaDown(Throwable cause) {
    if (cause instanceof IOException) {
      return true;
    }
    return cause instanceof ApiException api
        && (api.statusCode() == 502 || api.statusCode() == 503 || api.statusCode() == 504);
  }

  /** Returns whether a failure happened before the request could reach the server (connect failed). */
  public static boolean isUnreachable(Throwable cause) {
    return cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
  }
}
