package dev.vtstatus.cli;

/**
 * The exit codes of the {@code vtstatus} command, documented in the README so scripts can rely on
 * them.
 */
public final class ExitCode {
  /** The command did what was asked; for a wait, the job completed. */
  public static final int OK = 0;
  /** The job ended in error or was canceled, or something unexpected went wrong. */
  public static final int FAILED = 1;
  /** The command line was wrong: an unknown option, a bad value, min delay above max delay. */
  public static final int USAGE = 2;
  /** The server could not be reached or refused the request: down, wrong API key, unknown job. */
  public static final int SERVER = 3;
  /** The job was still pending when the deadline passed. */
  public static final int PENDING = 4;

  private ExitCode() {}
}
