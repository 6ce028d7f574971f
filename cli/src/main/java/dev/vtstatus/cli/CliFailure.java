package dev.vtstatus.cli;

/**
 * A failure a command reports to the user as one line, with the exit code it ends with. The message
 * says what went wrong and what to do about it.
 */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliFailure(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  CliFailure(String message, int exitCode) {
    this(message, exitCode, null);
  }

  /** Returns the exit code the command ends with. */
  int exitCode() {
    return exitCode;
  }
}
