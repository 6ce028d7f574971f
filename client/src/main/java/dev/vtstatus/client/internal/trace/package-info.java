/**
 * Trace context for the client's work: W3C {@code traceparent} values on their own, or real
 * OpenTelemetry spans when the caller passes an {@code OpenTelemetry}. Internal: not exported by
 * the module.
 */
package dev.vtstatus.client.internal.trace;
