package dev.vtstatus.client;

/**
 * Thrown when the server's answer cannot be used: not JSON, an unknown status, a missing field.
 * The message names what was wrong, for example {@code missing field 'status'}.
 */
public class InvalidResponseException extends VideoTranslationException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what was wrong. */
  public InvalidResponseException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the parser's exception. */
  public InvalidResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
