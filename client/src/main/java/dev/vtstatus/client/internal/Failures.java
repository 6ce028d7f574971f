package dev.vtstatus.client.internal;

import dev.vtstatus.client.VideoTranslationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Unwraps and rethrows what futures carry. Stateless. */
final class Failures {
  private Failures() {}

  /** Returns the cause behind completion and execution wrappers. */
  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
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
