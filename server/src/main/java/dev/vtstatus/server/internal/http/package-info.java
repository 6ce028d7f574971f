/**
 * The HTTP layer on Vert.x: one router per event loop with the seed, version 1, event, admin,
 * dashboard and system routes, the route table that gives each endpoint its policy (keys, faults,
 * counting), the intake every request passes first, the connection guard below HTTP, and the one
 * mapping of failures to problem+json answers.
 */
package dev.vtstatus.server.internal.http;
