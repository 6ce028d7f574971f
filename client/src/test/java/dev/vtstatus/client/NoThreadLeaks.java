package dev.vtstatus.client;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves client threads running: every {@code vtstatus-client-} thread started
 * during the test must end (within a bound) once the test has closed its clients. The JDK HTTP
 * client's selector thread is not the client's to stop (it ends when the HTTP client is collected).
 */
final class NoThreadLeaks implements BeforeEachCallback, AfterEachCallback {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoThreadLeaks.class);

  private static Set<Thread> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("vtstatus-client-"))
        .collect(Collectors.toSet());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NS).put("before", clientThreads());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    Set<Thread> before = (Set<Thread>) context.getStore(NS).get("before", Set.class);
    await("client threads of " + context.getDisplayName() + " to end")
        .atMost(Duration.ofSeconds(5))
        .until(() -> {
          Set<Thread> now = clientThreads();
          now.removeAll(before);
          return now.isEmpty();
        });
  }
}
