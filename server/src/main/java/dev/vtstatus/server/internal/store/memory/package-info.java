/**
 * The default store: jobs, events and webhook deliveries in this process's memory, bounded by a
 * job cap and a byte budget, for a single replica.
 */
package dev.vtstatus.server.internal.store.memory;
