package dev.vtstatus.client;

import java.time.Duration;

/**
 * Thrown when a call that is not a wait (create, read once, cancel, and the capabilities read before
 * them) gets no usable answer within the client's call timeout ({@code
 * VideoTranslationClientBuilder.callTimeout}, default 30 s, retries included). The last failure,
 * such as the transport's {@link java.net.http.HttpTimeoutException}, is the cause.
 */
public class CallTimeoutException extends VideoTranslationException {
  private static final long serialVersionUID = 1L;

  /** What was asked, for example {@code "read job 'abc'"}. */
  private final String operation;
  /** The budget that ran out. */
  private final Duration timeout;

  /** Creates the exception for an operation, its budget and the last failure (may be null). */
  public CallTimeoutException(String operation, Duration timeout, Throwable cause) {
    super("no answer to " + operation + " within " + timeout.toMillis() + " ms"
        + (cause == null ? "" : " (last failure: " + cause + ")"), cause);
    this.operation = operation;
    this.timeout = timeout;
  }

  /** Returns what was asked, for example {@code "read job 'abc'"}. */
  public String operation() {
    return operation;
  }

  /** Returns the call timeout that ran out. */
  public Duration timeout() {
    return timeout;
  }
}
