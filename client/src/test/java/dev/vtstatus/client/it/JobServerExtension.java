package dev.vtstatus.client.it;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.VideoTranslationClientBuilder;
import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one way the client's tests start a real {@link JobServer}: on 127.0.0.1, port 0, always
 * closed, together with every client and resource a test opened through it. The client's tests
 * cannot use the JUnit module's extension, which is built on the client.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final JobServerExtension SERVER = JobServerExtension.with(c -> c.faultRate(0.2));
 *
 * JobServerExtension.run(c -> c.seedProtocolOnly(true), server -> { ... });  // within one test
 * }</pre>
 *
 * <p>Registered on a static field, one server serves the whole class; on an instance field, each
 * test gets its own. Not thread-safe: open clients from the test's thread.
 */
public final class JobServerExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
  private final ServerConfig config;
  private final Deque<AutoCloseable> openedByTest = new ArrayDeque<>();
  private JobServer server;
  private boolean perClass;

  private JobServerExtension(ServerConfig config) {
    this.config = config;
  }

  /** What a test does with a server started by {@link #run}. */
  @FunctionalInterface
  public interface ServerTest {
    /** Runs the test against the running {@code server}. */
    void run(JobServer server) throws Exception;
  }

  /**
   * Returns an extension for a server with {@link #quickJobs()} changed by {@code config}; host and
   * port are always 127.0.0.1 and 0.
   */
  public static JobServerExtension with(UnaryOperator<ServerConfig.Builder> config) {
    return new JobServerExtension(config.apply(quickJobs()).host("127.0.0.1").port(0).build());
  }

  /**
   * Runs {@code test} against a server with {@link ServerConfig}'s defaults changed by {@code
   * config} (host and port always 127.0.0.1 and 0), then closes the server, whatever the test did.
   */
  public static void run(UnaryOperator<ServerConfig.Builder> config, ServerTest test) throws Exception {
    ServerConfig built = config.apply(ServerConfig.builder()).host("127.0.0.1").port(0).build();
    try (JobServer server = JobServer.create(built).start()) {
      test.run(server);
    }
  }

  /** Jobs of 50 to 400 ms, a third of them errors, a fixed seed, no faults. */
  public static ServerConfig.Builder quickJobs() {
    return ServerConfig.builder()
        .minDelay(Duration.ofMillis(50))
        .maxDelay(Duration.ofMillis(400))
        .errorProbability(0.3)
        .seed(7L);
  }

  /** Returns the running server. */
  public JobServer server() {
    return Objects.requireNonNull(server, "the server runs only during a test");
  }

  /** Returns the running server's base URL. */
  public URI url() {
    return server().url();
  }

  /** Returns a client for this server, with {@code settings} applied, closed after the test. */
  public VideoTranslationClient client(UnaryOperator<VideoTranslationClientBuilder> settings) {
    return closeAfterTest(settings.apply(VideoTranslationClient.builder().baseUrl(url())).build());
  }

  /**
   * Returns a client for this server that waits with {@code strategy}, at most 20 s a job, and
   * reports to {@code listener}; closed after the test.
   */
  public VideoTranslationClient client(WaitStrategy strategy, WaitListener listener) {
    return client(
        b -> b.waitStrategy(strategy).timeout(Duration.ofSeconds(20)).addListener(listener));
  }

  /** Closes {@code resource} after the current test, before the server stops. */
  public <T extends AutoCloseable> T closeAfterTest(T resource) {
    openedByTest.push(resource);
    return resource;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    server = JobServer.create(config).start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      server = JobServer.create(config).start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      closeAll();
    } finally {
      if (!perClass) {
        stop();
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  private void closeAll() throws Exception {
    Exception first = null;
    while (!openedByTest.isEmpty()) {
      try {
        openedByTest.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
