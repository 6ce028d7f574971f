package dev.vtstatus.server.internal.store;

/** Fails a create when the store holds its maximum of jobs and none of them has ended. */
public final class StoreFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private StoreFullException(String message) {
    super(message, null, false, false);
  }

  /** Returns the failure of a store holding its maximum of {@code maxJobs} jobs, none of them ended. */
  public static StoreFullException jobCap(int maxJobs) {
    return new StoreFullException("the server holds its maximum of " + maxJobs + " jobs and none has ended yet");
  }

  /** Returns the failure of a store whose {@code budget} bytes are taken by pending jobs and recent events. */
  public static StoreFullException memoryBudget(long budget) {
    return new StoreFullException("the server's memory budget of " + budget + " bytes is taken by pending jobs"
        + " and recent events");
  }
}
