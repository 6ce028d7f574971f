/**
 * The vtstatus client library: creates video translation jobs and waits for their results with few
 * requests and little delay. Only {@code dev.vtstatus.client} is exported.
 */
module dev.vtstatus.client {
  requires transitive dev.vtstatus.protocol;
  requires java.net.http;
  requires org.slf4j;
  requires io.github.bucket4j.core;
  // Optional: read only when the caller passes a MeterRegistry or an OpenTelemetry.
  requires static micrometer.core;
  requires static io.opentelemetry.api;
  requires static io.opentelemetry.context;

  exports dev.vtstatus.client;
}
