package dev.vtstatus.server;

/**
 * Thrown by {@link JobServer#start()} when the server cannot listen; the message names the address
 * and the reason, for example {@code "cannot listen on 127.0.0.1:5000: port 5000 is in use"}.
 */
public final class ServerStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message and the underlying cause. */
  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
