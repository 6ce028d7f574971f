/**
 * The HTTP layer on Vert.x: one router per event loop with the seed, version 1, event, admin,
 * dashboard and system routes, the gate every request passes first (counting, faults, keys), the
 * connection guard below HTTP, and the one mapping of failures to problem+json answers.
 */
package dev.vtstatus.server.internal.http;
