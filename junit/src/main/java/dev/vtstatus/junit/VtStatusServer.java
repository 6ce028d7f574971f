package dev.vtstatus.junit;

import dev.vtstatus.client.AdminClient;
import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.VideoTranslationClientBuilder;
import dev.vtstatus.protocol.AdminStats;
import dev.vtstatus.protocol.Faults;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerConfig;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A running vtstatus simulator in a test, injected by {@link VtStatusServerExtension}: where it
 * listens, a ready client, and control over it at run time through its admin routes.
 *
 * <pre>{@code
 * @Test
 * void seesAForcedFailure(VtStatusServer server) {
 *   Job job = server.client().createJob();
 *   server.failNow(job.jobId(), "bad_audio", "no speech found");
 *   assertThat(server.client().waitForResult(job.jobId()).status()).isEqualTo(JobStatus.ERROR);
 * }
 * }</pre>
 *
 * <p>A test that needs a server of its own settings inside one test method starts it with {@link
 * #run(UnaryOperator, Body)}, which always stops it:
 *
 * <pre>{@code
 * VtStatusServer.run(c -> c.seedProtocolOnly(true), server -> {
 *   Job job = server.client().createJob();
 *   assertThat(server.client().waitForResult(job.jobId()).status().isTerminal()).isTrue();
 * });
 * }</pre>
 *
 * <p>A forced end is the job's real terminal transition, seen at once by reads, long polls, event
 * streams and webhooks, whatever the configured delays. Each test starts with no client jobs, the
 * configured faults and counters at zero. Thread-safe, but a server shared by a class serves one
 * test at a time: run tests of one class concurrently only with {@link
 * VtStatusServerExtension.Lifecycle#PER_TEST}.
 */
public final class VtStatusServer {
  private final JobServer server;
  private final String clientKey;
  private final AdminClient admin;
  private final Deque<AutoCloseable> openedByTest = new ArrayDeque<>();
  private final Deque<AutoCloseable> openedOutsideTests = new ArrayDeque<>();
  private VideoTranslationClient testClient;
  private VideoTranslationClient classClient;
  private boolean inTest;

  /** What a test does with a server started by {@link #run(UnaryOperator, Body)}. */
  @FunctionalInterface
  public interface Body {
    /** Runs the test against {@code server}; anything it throws fails the test. */
    void run(VtStatusServer server) throws Exception;
  }

  private VtStatusServer(JobServer server, String clientKey, String adminKey) {
    this.server = server;
    this.clientKey = clientKey;
    this.admin = AdminClient.builder().baseUrl(server.url()).adminKey(adminKey).build();
  }

  /** Starts a server with {@code config}, already fixed for tests; closes it again if the rest fails. */
  static VtStatusServer start(ServerConfig config) {
    JobServer server = JobServer.create(config).start();
    try {
      return new VtStatusServer(server, ServerConfigs.clientKey(config), ServerConfigs.adminKey(config));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * Runs {@code body} against a new server with {@code settings} applied to {@link ServerConfig}'s
   * defaults, fixed as {@link VtStatusServerExtension} fixes them (127.0.0.1, a free port, an admin
   * key when API keys are set), then stops the server and every client the body opened, whether the
   * body returned or threw.
   *
   * @throws Exception what the body threw, with any failure to stop added as suppressed
   * @throws IllegalArgumentException when the settings do not fit together, e.g. min > max delay
   */
  public static void run(UnaryOperator<ServerConfig.Builder> settings, Body body) throws Exception {
    ServerConfig.Builder builder = Objects.requireNonNull(
        settings.apply(ServerConfig.builder()), "settings must return the builder");
    VtStatusServer server = start(ServerConfigs.forTests(builder));
    try {
      server.testStarted();
      body.run(server);
    } catch (Throwable failed) {
      try {
        server.stop();
      } catch (Exception stopFailed) {
        failed.addSuppressed(stopFailed);
      }
      throw failed;
    }
    server.stop();
  }

  /** Returns the server's base URL, e.g. {@code http://127.0.0.1:43117}. */
  public URI baseUrl() {
    return server.url();
  }

  /** Returns the port the server listens on. */
  public int port() {
    return server.port();
  }

  /** Returns the simulator itself, for its config, webhook secret and counters. */
  public JobServer jobServer() {
    return server;
  }

  /**
   * Returns the test's client for this server, with the default wait strategy and the configured
   * API key if any: the same one until the test ends, then closed for you. Outside a test (in
   * {@code @BeforeAll}) it is another one, closed after the class.
   */
  public synchronized VideoTranslationClient client() {
    if (inTest) {
      if (testClient == null) {
        testClient = newClient(UnaryOperator.identity());
      }
      return testClient;
    }
    if (classClient == null) {
      classClient = newClient(UnaryOperator.identity());
    }
    return classClient;
  }

  /**
   * Returns a new client for this server with {@code settings} applied (base URL and API key are
   * set first), closed for you when the test ends, or after the class when opened outside a test.
   */
  public synchronized VideoTranslationClient newClient(UnaryOperator<VideoTranslationClientBuilder> settings) {
    VideoTranslationClientBuilder builder = VideoTranslationClient.builder().baseUrl(baseUrl()).apiKey(clientKey);
    VideoTranslationClient created = Objects.requireNonNull(settings.apply(builder), "settings").build();
    (inTest ? openedByTest : openedOutsideTests).push(created);
    return created;
  }

  /** Returns the admin client the control methods use; the extension closes it. */
  public AdminClient admin() {
    return admin;
  }

  /** Ends a pending job now as {@code completed} and returns it. */
  public Job completeNow(String jobId) {
    return admin.completeNow(jobId);
  }

  /** Ends a pending job now as {@code error} with the default code {@code translation_failed}. */
  public Job failNow(String jobId) {
    return admin.failNow(jobId);
  }

  /** Ends a pending job now as {@code error} with {@code code} and {@code message}. */
  public Job failNow(String jobId, String code, String message) {
    return admin.failNow(jobId, code, message);
  }

  /** Returns the fault injection in force now. */
  public Faults faults() {
    return admin.faults();
  }

  /** Puts {@code faults} in force at once, e.g. {@code Faults.NONE.withFaultRate(0.5)}. */
  public Faults setFaults(Faults faults) {
    return admin.setFaults(faults);
  }

  /** Turns every fault and the rate limit off. */
  public Faults clearFaults() {
    return admin.setFaults(Faults.NONE);
  }

  /** Returns up to 100 jobs the server holds, newest first, the default job included. */
  public List<Job> jobs() {
    return admin.jobs();
  }

  /** Returns what the server did since the test started: jobs created and ended, requests. */
  public AdminStats stats() {
    return admin.stats();
  }

  /** Returns how many jobs clients created since the test started. */
  public long jobsCreated() {
    return stats().jobsCreated();
  }

  /** Returns how many requests the server served since the test started, admin requests aside. */
  public long requestsServed() {
    return stats().requestsServed();
  }

  /** Forgets every client job and puts the configured faults back, as between tests. */
  public void reset() {
    admin.reset();
  }

  /** Marks the start of a test: clients opened from now on are closed when it ends. */
  synchronized void testStarted() {
    inTest = true;
  }

  /** Closes the clients the test opened, newest first; rethrows the first failure. */
  synchronized void testEnded() throws Exception {
    inTest = false;
    testClient = null;
    closeAll(openedByTest);
  }

  private static void closeAll(Deque<AutoCloseable> opened) throws Exception {
    Exception first = null;
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
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

  /** Closes the clients, the admin client and the server. */
  synchronized void stop() throws Exception {
    try {
      classClient = null;
      closeAll(openedByTest);
      closeAll(openedOutsideTests);
    } finally {
      admin.close();
      server.close();
    }
  }
}
