package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.VideoTranslationException;

/**
 * Says that no further request fits before the deadline; the wait ends with a timeout at the
 * deadline itself. The last transient failure, if any, is the cause.
 */
public final class DeadlineReachedException extends VideoTranslationException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public DeadlineReachedException(Throwable lastCause) {
    super("no request fits before the deadline", lastCause);
  }
}
