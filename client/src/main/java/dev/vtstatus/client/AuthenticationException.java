package dev.vtstatus.client;

import dev.vtstatus.protocol.Problem;

/** Thrown when the server answers 401 or 403: the API key is missing, wrong or not allowed. */
public class AuthenticationException extends ApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception from the answer's status code and problem. */
  public AuthenticationException(int statusCode, Problem problem) {
    super(statusCode, problem);
  }
}
