package dev.vtstatus.junit;

import dev.vtstatus.server.ServerConfig;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a vtstatus simulator on 127.0.0.1, port 0, for JUnit 5 tests and injects a {@link
 * VtStatusServer} that controls it.
 *
 * <pre>{@code
 * @ExtendWith(VtStatusServerExtension.class)          // one server per class, default settings
 * class CheckoutTest {
 *   @Test
 *   void translates(VtStatusServer server) {
 *     Job job = server.client().createJob();
 *     server.completeNow(job.jobId());
 *     assertThat(server.client().waitForResult(job.jobId()).status()).isEqualTo(JobStatus.COMPLETED);
 *   }
 * }
 *
 * @RegisterExtension                                   // or configured, faults included
 * static final VtStatusServerExtension SERVER = VtStatusServerExtension.builder()
 *     .configure(c -> c.minDelay(Duration.ofMinutes(1)).maxDelay(Duration.ofMinutes(1)).faultRate(0.1))
 *     .build();
 * }</pre>
 *
 * <p>Lifecycle: by default one server per test class (registered with {@code @ExtendWith} or on a
 * static field), started before the class and stopped after it; each test starts with no client
 * jobs, the configured faults and counters at zero. Registered on an instance field, or built with
 * {@link Lifecycle#PER_TEST}, each test gets its own server. Test classes running in parallel get
 * their own servers, on their own ports. Clients from {@link VtStatusServer#client()} are closed
 * after the test that opened them.
 *
 * <p>Defaults: {@link ServerConfig}'s (jobs of 5 to 10 s, 10% errors), always bound to 127.0.0.1
 * on a free port. When API keys are configured without an admin key, a random admin key is drawn,
 * so the extension always has control. Thread-safe: state lives in JUnit's extension store.
 */
public final class VtStatusServerExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

  /** When servers start and stop. */
  public enum Lifecycle {
    /** One server for all tests of a class, reset before each test. The default. */
    PER_CLASS,
    /** A new server for each test. */
    PER_TEST
  }

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(VtStatusServerExtension.class);

  private final ServerConfig config;
  private final Lifecycle lifecycle;

  /** Creates the extension with the default settings, one server per class; for {@code @ExtendWith}. */
  public VtStatusServerExtension() {
    this(builder());
  }

  private VtStatusServerExtension(Builder builder) {
    this.config = ServerConfigs.forTests(builder.config);
    this.lifecycle = builder.lifecycle;
  }

  /** Returns a builder with the defaults: {@link ServerConfig}'s settings, one server per class. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the config every server of this extension starts with (port 0 on 127.0.0.1). */
  public ServerConfig config() {
    return config;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (lifecycle == Lifecycle.PER_CLASS && running(context) == null) {
      context.getStore(NAMESPACE).put(this, start());
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    VtStatusServer shared = running(context);
    if (shared == null) {
      VtStatusServer own = start();
      context.getStore(NAMESPACE).put(this, own);
      own.testStarted();
    } else {
      shared.testStarted();
      shared.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    VtStatusServer own = context.getStore(NAMESPACE).remove(this, VtStatusServer.class);
    if (own != null) {
      own.stop();
      return;
    }
    VtStatusServer shared = running(context);
    if (shared != null) {
      shared.testEnded();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    VtStatusServer server = context.getStore(NAMESPACE).remove(this, VtStatusServer.class);
    if (server != null) {
      server.stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == VtStatusServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    VtStatusServer server = running(context);
    if (server == null) {
      throw new ParameterResolutionException("no vtstatus server runs yet for "
          + parameter.getDeclaringExecutable() + ": with a server per test, ask for VtStatusServer in"
          + " a test or a @BeforeEach method, not in a constructor or @BeforeAll");
    }
    return server;
  }

  private VtStatusServer running(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(this, VtStatusServer.class);
  }

  private VtStatusServer start() {
    return VtStatusServer.start(config);
  }

  /** Builds a {@link VtStatusServerExtension}. Not thread-safe. */
  public static final class Builder {
    private ServerConfig.Builder config = ServerConfig.builder();
    private Lifecycle lifecycle = Lifecycle.PER_CLASS;

    private Builder() {}

    /**
     * Changes the server's settings, every {@link ServerConfig} setting included (delays, error
     * probability, seed, API and admin keys, faults, limits, clock); host and port are always
     * 127.0.0.1 and 0. Calls add up.
     */
    public Builder configure(UnaryOperator<ServerConfig.Builder> settings) {
      config = Objects.requireNonNull(settings.apply(config), "settings must return the builder");
      return this;
    }

    /** Sets when servers start and stop; default {@link Lifecycle#PER_CLASS}. */
    public Builder lifecycle(Lifecycle value) {
      lifecycle = Objects.requireNonNull(value, "lifecycle");
      return this;
    }

    /**
     * Returns the extension.
     *
     * @throws IllegalArgumentException when the settings do not fit together, e.g. min > max delay
     */
    public VtStatusServerExtension build() {
      return new VtStatusServerExtension(this);
    }
  }
}
