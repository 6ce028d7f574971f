/**
 * The simulator's public face: {@link dev.vtstatus.server.JobServer} (create, start, stop), its
 * validated {@link dev.vtstatus.server.ServerConfig} in groups (simulation, auth, limits, webhooks),
 * the one table of its options as a person gives them ({@link dev.vtstatus.server.ServerOption})
 * and a {@link dev.vtstatus.server.ServerStats} snapshot of its counters. Everything else lives
 * under {@code dev.vtstatus.server.internal}.
 */
package dev.vtstatus.server;
