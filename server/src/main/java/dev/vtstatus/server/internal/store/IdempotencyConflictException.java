package dev.vtstatus.server.internal.store;

/** Fails a create whose {@code Idempotency-Key} was used before with a different body. */
public final class IdempotencyConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The id of the job the key was first used for. */
  public final String existingId;

  /** Creates the exception for the key's earlier job {@code existingId}. */
  public IdempotencyConflictException(String existingId) {
    super("Idempotency-Key was used before with a different body", null, false, false);
    this.existingId = existingId;
  }
}
