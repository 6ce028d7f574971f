package dev.vtstatus.client;

/**
 * The root of every exception the client throws: it could not learn a job's outcome.
 *
 * <p>Unchecked. A job that ends in {@code error} or {@code canceled} is an outcome, returned as a
 * {@link dev.vtstatus.protocol.Job}, never one of these. When a transport failure is behind it, the
 * {@link java.io.IOException} is the cause.
 */
public class VideoTranslationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message naming what went wrong. */
  public VideoTranslationException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the underlying cause. */
  public VideoTranslationException(String message, Throwable cause) {
    super(message, cause);
  }
}
