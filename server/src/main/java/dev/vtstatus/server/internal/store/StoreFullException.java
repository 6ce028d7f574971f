package dev.vtstatus.server.internal.store;

/** Fails a create when the store holds its maximum of jobs and none of them has ended. */
public final class StoreFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the cap. */
  public StoreFullException(String message) {
    super(message, null, false, false);
  }
}
