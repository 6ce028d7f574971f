package dev.vtstatus.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.vtstatus.client.ClientClosedException;
import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.protocol.Faults;
import dev.vtstatus.protocol.Job;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The extension's lifecycle, seen by running sample test classes with the JUnit Platform test kit:
 * one server per class or per test, reset between tests, stopped after, clients closed, and
 * parallel classes on their own ports. The samples are nested classes, which Surefire does not run
 * on their own.
 */
class LifecycleTest {
  /** What the samples saw, by sample name; cleared before each run. */
  static final Map<String, List<Object>> SEEN = new ConcurrentHashMap<>();

  static void see(String key, Object value) {
    SEEN.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(value);
  }

  private static EngineExecutionResults run(Class<?>... samples) {
    SEEN.clear();
    var request = EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
        .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
    for (Class<?> sample : samples) {
      request = request.selectors(selectClass(sample));
    }
    return request.execute();
  }

  private static boolean listening(int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      return true;
    } catch (ConnectException refused) {
      return false;
    } finally {
      socket.close();
    }
  }

  @Test
  void perClassOneServerServesEveryTestAndStopsAfterTheClass() throws Exception {
    // When
    EngineExecutionResults results = run(PerClassSample.class);

    // Then
    assertThat(results.testEvents().succeeded().count()).isEqualTo(2);
    assertThat(SEEN.get("port")).hasSize(3).containsOnly(SEEN.get("port").get(0));
    assertThat(listening((Integer) SEEN.get("port").get(0))).isFalse();
  }

  @Test
  void theResetBetweenTestsForgetsJobsAndRestoresTheConfiguredFaults() {
    // When
    EngineExecutionResults results = run(PerClassSample.class);

    // Then
    assertThat(results.testEvents().succeeded().count()).isEqualTo(2);
    assertThat(SEEN.get("second test jobs")).containsExactly(1);
    assertThat(SEEN.get("second test created")).containsExactly(0L);
    assertThat(SEEN.get("second test faults"))
        .containsExactly(Faults.NONE.withFaultLatency(Duration.ofMillis(1)));
  }

  @Test
  void clientsAreClosedAfterTheTestThatOpenedThem() {
    // When
    run(PerClassSample.class);

    // Then
    VideoTranslationClient fromTest = (VideoTranslationClient) SEEN.get("client").get(0);
    assertThatThrownBy(() -> fromTest.getStatus("3f6c9a0e-5b7d-4c1e-9f00-1d2e3f4a5b6c"))
        .isInstanceOf(ClientClosedException.class);
  }

  @Test
  void perTestEachTestGetsItsOwnServer() throws Exception {
    // When
    EngineExecutionResults results = run(PerTestSample.class, InstanceFieldSample.class);

    // Then
    assertThat(results.testEvents().succeeded().count()).isEqualTo(4);
    assertThat(SEEN.get("per test port")).hasSize(2).doesNotHaveDuplicates();
    assertThat(SEEN.get("instance field port")).hasSize(2).doesNotHaveDuplicates();
    for (Object port : SEEN.get("per test port")) {
      assertThat(listening((Integer) port)).isFalse();
    }
  }

  @Test
  void aServerPerTestCannotBeInjectedIntoBeforeAll() {
    // When
    EngineExecutionResults results = run(PerTestBeforeAllSample.class);

    // Then: the class fails before its test, with a message saying why
    assertThat(results.testEvents().started().count()).isZero();
    assertThat(results.containerEvents().failed().stream())
        .anySatisfy(event -> assertThat(event.getPayload(TestExecutionResult.class)
            .flatMap(TestExecutionResult::getThrowable).orElseThrow())
            .hasMessageContaining("with a server per test"));
  }

  @Test
  void parallelClassesRunAtTheSameTimeOnTheirOwnPorts() {
    // Given
    bothRunning = new CountDownLatch(2);

    // When
    EngineExecutionResults results = run(ParallelSampleA.class, ParallelSampleB.class);

    // Then
    assertThat(results.testEvents().succeeded().count()).isEqualTo(2);
    assertThat(SEEN.get("parallel port")).hasSize(2).doesNotHaveDuplicates();
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class PerClassSample {
    @RegisterExtension
    static final VtStatusServerExtension SERVER = VtStatusServerExtension.builder()
        .configure(c -> c.minDelay(Duration.ofHours(1)).maxDelay(Duration.ofHours(1))
            .faultLatency(Duration.ofMillis(1)))
        .build();

    @BeforeAll
    static void beforeAll(VtStatusServer server) {
      see("port", server.port());
    }

    @Test
    @Order(1)
    void first(VtStatusServer server) {
      see("port", server.port());
      see("client", server.client());
      Job job = server.client().createJob();
      server.setFaults(Faults.NONE.withRateLimit(1000.0));
      assertThat(server.jobs()).extracting(Job::jobId).contains(job.jobId());
    }

    @Test
    @Order(2)
    void second(VtStatusServer server) {
      see("port", server.port());
      see("second test jobs", server.jobs().size());
      see("second test created", server.jobsCreated());
      see("second test faults", server.faults());
    }
  }

  static class PerTestSample {
    @RegisterExtension
    static final VtStatusServerExtension SERVER = VtStatusServerExtension.builder()
        .lifecycle(VtStatusServerExtension.Lifecycle.PER_TEST)
        .build();

    private VtStatusServer server;

    @BeforeEach
    void setUp(VtStatusServer injected) {
      server = injected;
    }

    @Test
    void one(VtStatusServer same) {
      assertThat(same).isSameAs(server);
      see("per test port", same.port());
    }

    @Test
    void two(VtStatusServer same) {
      assertThat(same).isSameAs(server);
      see("per test port", same.port());
    }
  }

  static class InstanceFieldSample {
    @RegisterExtension
    final VtStatusServerExtension server = VtStatusServerExtension.builder().build();

    @Test
    void one(VtStatusServer server) {
      see("instance field port", server.port());
    }

    @Test
    void two(VtStatusServer server) {
      see("instance field port", server.port());
    }
  }

  static class PerTestBeforeAllSample {
    @RegisterExtension
    static final VtStatusServerExtension SERVER = VtStatusServerExtension.builder()
        .lifecycle(VtStatusServerExtension.Lifecycle.PER_TEST)
        .build();

    @BeforeAll
    static void beforeAll(VtStatusServer server) {
      see("never", server);
    }

    @Test
    void test() {
      see("never", this);
    }
  }

  /** Both parallel samples wait for each other, so they pass only when they run at the same time. */
  static volatile CountDownLatch bothRunning;

  static void meetTheOther(VtStatusServer server) throws InterruptedException {
    see("parallel port", server.port());
    bothRunning.countDown();
    assertThat(bothRunning.await(10, TimeUnit.SECONDS)).as("the other class ran at the same time").isTrue();
    assertThat(server.client().getStatus(server.client().createJob().jobId())).isNotNull();
  }

  @ExtendWith(VtStatusServerExtension.class)
  static class ParallelSampleA {
    @Test
    void meets(VtStatusServer server) throws InterruptedException {
      meetTheOther(server);
    }
  }

  @ExtendWith(VtStatusServerExtension.class)
  static class ParallelSampleB {
    @Test
    void meets(VtStatusServer server) throws InterruptedException {
      meetTheOther(server);
    }
  }
}
