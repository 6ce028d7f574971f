package dev.vtstatus.server.internal.store;

/** Thrown (as a failed future) when an owner already holds its share of pending jobs. */
public final class PendingShareException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the failure for an owner holding {@code pending} pending jobs, its whole share. */
  public PendingShareException(int pending) {
    super("this API key holds " + pending + " pending jobs, its share of the server's job cap;"
        + " retry when one has ended", null, false, false);
  }
}
