package dev.vtstatus.client.internal;

import dev.vtstatus.client.VideoTranslationException;
import dev.vtstatus.client.internal.wait.DeadlineReachedException;
import dev.vtstatus.protocol.Causes;

/** Turns what failed futures carry into what callers see: the client's one rule for a failed future. Stateless. */
public final class PublicFailures {
  private PublicFailures() {}

  /**
   * Returns the failure as callers may see it: an internal signal that no request fit before a
   * deadline becomes a public {@link VideoTranslationException} keeping the last failure as its cause.
   */
  static Throwable toPublic(Throwable t) {
    Throwable cause = Causes.unwrap(t);
    if (cause instanceof DeadlineReachedException d) {
      return new VideoTranslationException("no request fit before the deadline"
          + (d.getCause() == null ? "" : ": " + d.getCause()), d.getCause());
    }
    return cause;
  }

  /** Returns the throwable as an unchecked exception (an error is thrown as it is). */
  static RuntimeException asRuntime(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new VideoTranslationException(String.valueOf(t), t);
  }
}
