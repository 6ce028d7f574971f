/**
 * The server's OpenTelemetry spans: one per request, parented on the caller's {@code traceparent},
 * and one per job transition in the job's trace; no work at all when tracing is off.
 */
package dev.vtstatus.server.internal.trace;
