package dev.vtstatus.protocol;

/**
 * Why a job ended in {@link JobStatus#ERROR} or {@link JobStatus#CANCELED}.
 *
 * @param code a stable machine-readable code, for example {@code translation_failed}
 * @param message a sentence for people
 */
public record JobError(String code, String message) {}
