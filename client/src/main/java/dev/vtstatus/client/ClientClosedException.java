package dev.vtstatus.client;

/** Thrown by a call on a closed client, and by the waits still running when the client closes. */
public class ClientClosedException extends VideoTranslationException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ClientClosedException() {
    super("the client is closed");
  }
}
