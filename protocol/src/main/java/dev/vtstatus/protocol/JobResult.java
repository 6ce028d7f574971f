package dev.vtstatus.protocol;

/**
 * What a completed job produced.
 *
 * @param videoUrl where the translated video can be fetched
 */
public record JobResult(String videoUrl) {}
