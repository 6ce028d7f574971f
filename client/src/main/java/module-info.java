/**
 * The vtstatus client library: creates video translation jobs and waits for their results with few
 * requests and little delay. Only {@code dev.vtstatus.client} is exported.
 */
module dev.vtstatus.client {
  requires transitive dev.vtstatus.protocol;
  requires java.net.http;
  requires org.slf4j;
  requires io.github.bucket4j.core;
  requires transitive micrometer.core;
  requires transitive io.opentelemetry.api;
  requires io.opentelemetry.context;

  exports dev.vtstatus.client;
}
