package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.ApiException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;

/** Tells the failures that say a replica is gone from those of a request itself. Stateless. */
public final class ReplicaFailures {
  private ReplicaFailures() {}

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
