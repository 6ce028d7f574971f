package dev.vtstatus.client;

/** Which wire protocol the client speaks. */
public enum ProtocolMode {
  /**
   * Probe {@code GET /v1/capabilities} once: a 404 or an answer that is not JSON means a
   * seed-protocol server. The default.
   */
  AUTO,
  /** Speak version 1 ({@code /v1/jobs}) without probing for the seed protocol. */
  V1,
  /** Speak only the seed protocol ({@code POST /job}, {@code GET /status/{id}}) with polling. */
  SEED
}
