/**
 * Server-sent events on the JDK HTTP client: one stream kept open with reconnects and {@code
 * Last-Event-ID}, read without blocking a thread and parsed as the WHATWG specification says.
 * Internal: not exported by the module.
 */
package dev.vtstatus.client.internal.sse;
