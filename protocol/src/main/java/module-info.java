/**
 * The vtstatus wire contract: job records, status enum, problem details, trace context and webhook
 * signatures, shared by the client and the server.
 */
module dev.vtstatus.protocol {
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;

  exports dev.vtstatus.protocol;

  opens dev.vtstatus.protocol to com.fasterxml.jackson.databind;
}
