package dev.vtstatus.client.internal.sse;

/**
 * One event of a {@code text/event-stream}, as dispatched by {@link EventStreamParser}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the stream's last event id when the event was dispatched, or null if it has none
 * @param event the event type; {@code "message"} when the stream named none
 * @param data the event's {@code data:} lines joined by {@code \n}
 */
public record ServerSentEvent(String id, String event, String data) {}
