/**
 * Requests parked until something happens, so no thread waits: long polls held until a job ends or
 * the wait runs out, and Server-Sent Events streams fed from the event log on their event loop.
 */
package dev.vtstatus.server.internal.push;
