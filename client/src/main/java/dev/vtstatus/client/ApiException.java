package dev.vtstatus.client;

import dev.vtstatus.protocol.Problem;

/**
 * Thrown when the server refuses a request with a 4xx answer that retrying cannot fix (other than
 * 404 for a job, which is {@link JobNotFoundException}). Carries the status code and the server's
 * problem details.
 */
public class ApiException extends VideoTranslationException {
  private static final long serialVersionUID = 1L;

  /** The answer's status code. */
  private final int statusCode;
  private final transient Problem problem;

  /** Creates the exception from the answer's status code and problem (null when the body had none). */
  public ApiException(int statusCode, Problem problem) {
    super(message(statusCode, problem));
    this.statusCode = statusCode;
    this.problem = problem;
  }

  private static String message(int statusCode, Problem problem) {
    StringBuilder sb = new StringBuilder("server answered ").append(statusCode);
    if (problem != null) {
      if (problem.title() != null) {
        sb.append(' ').append(problem.title());
      }
      if (problem.detail() != null) {
        sb.append(": ").append(problem.detail());
      }
    }
    return sb.toString();
  }

  /** Returns the HTTP status code of the answer. */
  public int statusCode() {
    return statusCode;
  }

  /** Returns the server's problem details, or null when the answer had none. */
  public Problem problem() {
    return problem;
  }
}
