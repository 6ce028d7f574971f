/**
 * Small programs that use the vtstatus client as a library. It reads the client as a named module,
 * so it compiles only against what the client exports.
 */
module dev.vtstatus.examples {
  requires dev.vtstatus.client;
  requires io.opentelemetry.api;
  requires io.opentelemetry.context;
  requires io.opentelemetry.sdk;
  requires io.opentelemetry.sdk.trace;
  requires micrometer.core;
}
