package dev.vtstatus.protocol;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one rule for finding the failure behind a future's wrappers, shared by the client and the
 * CLI so they report the same cause. Stateless and thread-safe.
 */
public final class Causes {
  private Causes() {}

  /**
   * Returns the cause behind any {@link CompletionException} and {@link ExecutionException}
   * wrappers, or {@code t} itself when it is not one of them (or wraps nothing).
   *
   * @param t a failure, possibly wrapped; may be null
   * @return the innermost failure that is not such a wrapper
   */
  public static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
