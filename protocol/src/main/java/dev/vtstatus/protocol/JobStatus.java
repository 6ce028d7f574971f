package dev.vtstatus.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The status of a translation job. A job starts {@link #PENDING} and ends in exactly one terminal
 * status, which never changes again.
 *
 * <p>Immutable and thread-safe.
 */
public enum JobStatus {
  /** The job is still being processed. */
  PENDING,
  /** The job finished and has a result. */
  COMPLETED,
  /** The job failed; its {@code error} says why. */
  ERROR,
  /** A client canceled the job before it finished. */
  CANCELED;

  /** Returns whether this status is final: completed, error or canceled. */
  public boolean isTerminal() {
    return this != PENDING;
  }

  /** Returns the lowercase name used on the wire, for example {@code "pending"}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name such as {@code "completed"}.
   *
   * @throws IllegalArgumentException naming the value when it is not a known status
   */
  @JsonCreator
  public static JobStatus fromWire(String value) {
    if (value != null) {
      for (JobStatus status : values()) {
        if (status.wireName().equals(value)) {
          return status;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown job status '" + value + "' (expected pending, completed, error or canceled)");
  }
}
