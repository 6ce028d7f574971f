/**
 * The vtstatus simulator in JUnit 5 tests: {@link dev.vtstatus.junit.VtStatusServerExtension}
 * starts a server per test class or per test and injects a {@link dev.vtstatus.junit.VtStatusServer}
 * that controls it. Only {@code dev.vtstatus.junit} is exported.
 */
module dev.vtstatus.junit {
  requires transitive dev.vtstatus.client;
  requires transitive dev.vtstatus.server;
  requires transitive org.junit.jupiter.api;

  exports dev.vtstatus.junit;
}
