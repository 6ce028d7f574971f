/**
 * The store that lets several replicas act as one server: jobs, events and webhook deliveries kept
 * in one Redis, every command bounded by a timeout.
 */
package dev.vtstatus.server.internal.store.redis;
