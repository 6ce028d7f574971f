package dev.vtstatus.server.internal.store;

/** Fails a store operation when the store cannot be reached; the answer is 503 with {@code Retry-After}. */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message saying what could not be reached, and why. */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
