package dev.vtstatus.protocol;

/**
 * The seed protocol's answer to {@code POST /job}: {@code {"job_id": "...", "status": "pending"}}.
 *
 * @param jobId the new job's id
 * @param status always {@code pending} for a new job
 */
public record SeedJob(String jobId, String status) {}
