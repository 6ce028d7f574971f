/**
 * Listeners the client builds from its config: the chain that shields a wait from a throwing
 * listener, and the recorders behind {@code ClientMetrics}, the audit log and Micrometer meters.
 * Internal: not exported by the module.
 */
package dev.vtstatus.client.internal.observe;
