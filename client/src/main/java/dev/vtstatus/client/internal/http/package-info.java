/**
 * The client's only door to the network: the {@code Transport} seam, its JDK HTTP client
 * implementation, and answers read with a byte bound. Internal: not exported by the module.
 */
package dev.vtstatus.client.internal.http;
