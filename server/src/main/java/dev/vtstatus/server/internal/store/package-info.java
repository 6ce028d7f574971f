/**
 * The seam between the server and where its shared state lives: the asynchronous {@link
 * dev.vtstatus.server.internal.store.Store} interface (jobs, events, webhook deliveries), the
 * immutable records it holds, its limits and failures, and the choice of store from the config.
 */
package dev.vtstatus.server.internal.store;
