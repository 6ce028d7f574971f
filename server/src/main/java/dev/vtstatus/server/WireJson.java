package dev.vtstatus.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.Json;

/**
 * The server's JSON writer: the protocol's conventions ({@link Json#newMapper()}), minus derived
 * getters that are not wire fields, such as {@link Job#isTerminal()}. Thread-safe.
 */
final class WireJson {
  @JsonIgnoreProperties("terminal")
  private abstract static class JobMixin {}

  private static final ObjectMapper MAPPER = Json.newMapper().addMixIn(Job.class, JobMixin.class);

  private WireJson() {}

  static ObjectMapper mapper() {
    return MAPPER;
  }
}
