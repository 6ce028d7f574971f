package dev.vtstatus.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A translation job as the server describes it on the wire (see PROTOCOL.md, "Job model").
 *
 * <p>Fields that do not apply are {@code null}: {@code completedAt} while pending, {@code result}
 * unless completed, {@code error} unless error or canceled, {@code pollAfter} and {@code
 * estimatedCompletionAt} once terminal. Immutable and thread-safe.
 *
 * @param jobId the server's id of the job
 * @param status the job's status at the moment of the answer
 * @param progress the server's estimate of the done share, 0 to 1
 * @param createdAt when the job was created
 * @param updatedAt when the status last changed
 * @param completedAt the server's moment of the terminal transition, or null while pending
 * @param estimatedCompletionAt the server's noisy estimate of the terminal moment, or null
 * @param pollAfter the server's hint for the next poll of a pending job, or null
 * @param sourceLanguage the language of the source video
 * @param targetLanguage the language to translate into
 * @param videoUrl the source video
 * @param result the result of a completed job, or null
 * @param error why the job failed or was canceled, or null
 * @param metadata the caller's own metadata, echoed back
 */
public record Job(
    String jobId,
    JobStatus status,
    Double progress,
    Instant createdAt,
    Instant updatedAt,
    Instant completedAt,
    Instant estimatedCompletionAt,
    @JsonProperty("poll_after_ms") Duration pollAfter,
    String sourceLanguage,
    String targetLanguage,
    String videoUrl,
    @JsonInclude(JsonInclude.Include.NON_NULL) JobResult result,
    @JsonInclude(JsonInclude.Include.NON_NULL) JobError error,
    Map<String, Object> metadata) {

  /** Returns whether the job has reached a terminal status. Derived, so not a wire field. */
  @JsonIgnore
  public boolean isTerminal() {
    return status != null && status.isTerminal();
  }
}
