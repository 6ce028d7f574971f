/**
 * The vtstatus server: a simulator of a video translation backend on Vert.x. Only {@code
 * dev.vtstatus.server} is exported; everything under {@code dev.vtstatus.server.internal} may
 * change at any time.
 */
module dev.vtstatus.server {
  requires transitive dev.vtstatus.protocol;
  requires io.vertx.core;
  requires io.vertx.web;
  requires io.vertx.redis.client;
  // the HTTP decoder's result names why a request was rejected
  requires io.netty.codec;
  // the connection guard works in the Netty pipeline under the HTTP codec
  requires io.netty.codec.http;
  requires io.netty.transport;
  requires io.netty.buffer;
  requires io.netty.common;
  requires io.github.bucket4j.core;
  requires micrometer.core;
  requires micrometer.registry.prometheus;
  requires org.slf4j;
  // the default connection cap is read from the process's open-file limit
  requires java.management;
  requires jdk.management;
  // server traces: the API in JobServer.create, the SDK and the OTLP exporter in OtlpTracing
  requires transitive io.opentelemetry.api;
  requires transitive io.opentelemetry.sdk;
  requires io.opentelemetry.context;
  requires io.opentelemetry.sdk.trace;
  requires io.opentelemetry.sdk.common;
  requires io.opentelemetry.exporter.otlp;
  // Vert.x marks its API with these annotations; read while compiling only.
  requires static io.vertx.codegen.api;
  requires static io.vertx.codegen.json;

  exports dev.vtstatus.server;
}
