package dev.vtstatus.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The seed protocol's status answer ({@code GET /status/{id}}): {@code {"result": "pending"}}.
 * Canceled jobs show as {@code "error"} with a message.
 *
 * @param result {@code pending}, {@code completed} or {@code error}
 * @param message why, when the result is {@code error}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeedStatus(String result, String message) {}
