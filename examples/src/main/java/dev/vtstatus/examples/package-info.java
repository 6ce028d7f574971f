/**
 * Small programs that use the client as a library would: the README's quick start, and the client
 * observed through OpenTelemetry and Micrometer. The test suite runs each against a real server.
 */
package dev.vtstatus.examples;
