package dev.vtstatus.client;

import dev.vtstatus.protocol.JobStatus;
import java.time.Duration;

/**
 * How one wait for a job went, given to {@link WaitListener#jobFinished}.
 *
 * @param jobId the job waited for
 * @param status the terminal status observed
 * @param elapsed from the start of the wait to the moment the terminal status was observed
 * @param requests how many HTTP requests the wait made for this job (a shared batch read or event
 *     stream counts for every job it served only when it was made for that job)
 * @param detectionLatency the moment the client observed the terminal status minus the server's
 *     {@code completed_at}; null when unknown (seed protocol)
 */
public record WaitSummary(
    String jobId, JobStatus status, Duration elapsed, int requests, Duration detectionLatency) {}
