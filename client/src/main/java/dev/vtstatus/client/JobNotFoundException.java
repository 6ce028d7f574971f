package dev.vtstatus.client;

/** Thrown when the server does not know the job id (HTTP 404 or a batch read's {@code not_found}). */
public class JobNotFoundException extends VideoTranslationException {
  private static final long serialVersionUID = 1L;

  /** The unknown job id. */
  private final String jobId;

  /** Creates the exception for an unknown job id. */
  public JobNotFoundException(String jobId) {
    super("job '" + jobId + "' was not found");
    this.jobId = jobId;
  }

  /** Returns the id the server does not know. */
  public String jobId() {
    return jobId;
  }
}
