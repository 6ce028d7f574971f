package dev.vtstatus.client;

/**
 * Thrown when {@code maxRetries} consecutive transient failures (connect errors, resets, timeouts,
 * 5xx, 429) happened for one operation. The last failure is the cause.
 */
public class RetriesExhaustedException extends VideoTranslationException {
  private static final long serialVersionUID = 1L;

  /** Failed attempts in a row. */
  private final int attempts;

  /** Creates the exception after {@code attempts} failed attempts, the last failing with {@code cause}. */
  public RetriesExhaustedException(int attempts, Throwable cause) {
    super("gave up after " + attempts + " failed attempts: " + cause, cause);
    this.attempts = attempts;
  }

  /** Returns how many attempts failed in a row. */
  public int attempts() {
    return attempts;
  }
}
