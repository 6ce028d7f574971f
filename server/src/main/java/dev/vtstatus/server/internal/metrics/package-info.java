/**
 * The server's counters: the Prometheus registry behind {@code /metrics} and the plain counts behind
 * {@code GET /admin/stats} and {@link dev.vtstatus.server.ServerStats}, changed only through methods
 * that name what happened.
 */
package dev.vtstatus.server.internal.metrics;
