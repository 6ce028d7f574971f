package dev.vtstatus.server;

import dev.vtstatus.protocol.WebhookSignature;
import dev.vtstatus.server.internal.http.ConnectionGuard;
import dev.vtstatus.server.internal.http.HttpVerticle;
import dev.vtstatus.server.internal.http.LiveFaults;
import dev.vtstatus.server.internal.jobs.SimulatedBackend;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import dev.vtstatus.server.internal.push.EventFeed;
import dev.vtstatus.server.internal.store.Store;
import dev.vtstatus.server.internal.store.Stores;
import dev.vtstatus.server.internal.trace.ServerTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.BindException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulating video translation server: every route of the wire protocol on Vert.x, one
 * event-loop verticle per core sharing one simulated backend.
 *
 * <pre>{@code
 * try (JobServer server = JobServer.create(ServerConfig.builder().port(0).build()).start()) {
 *   URI base = server.url();   // e.g. http://127.0.0.1:43117
 * }
 * }</pre>
 *
 * <p>Defaults come from {@link ServerConfig}: port 5000 on 127.0.0.1, jobs of 5 to 10 s. The server
 * speaks HTTP/1.1; see {@code docs/PROTOCOL.md} for every route and rule.
 *
 * <p>Thread-safe. {@link #start()} and {@link #close()} block until done (so do not call them from
 * a Vert.x event loop); nothing else blocks.
 */
public final class JobServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobServer.class);
  private static final long START_TIMEOUT_SECONDS = 10;

  private final ServerConfig config;
  private final String webhookSecret;
  private final ServerMetrics metrics;
  private final ServerTracing tracing;
  private volatile Store store;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Vertx vertx;
  private volatile SimulatedBackend backend;
  private volatile EventFeed feed;
  private volatile int port = -1;

  private JobServer(ServerConfig config, OpenTelemetry openTelemetry) {
    this.config = Objects.requireNonNull(config, "config");
    this.tracing = ServerTracing.using(openTelemetry);
    this.webhookSecret = config.webhooks().secret() != null ? config.webhooks().secret() : WebhookSignature.newSecret();
    WebhookSignature.forSecret(webhookSecret);
    this.metrics = new ServerMetrics(this::retained);
  }

  /**
   * Returns a server for the config, not yet listening.
   *
   * @throws IllegalArgumentException when the webhook secret is not {@code whsec_} and base64
   */
  public static JobServer create(ServerConfig config) {
    return new JobServer(config, null);
  }

  /**
   * Returns a server for the config that traces through {@code openTelemetry}: a server span per
   * request, parented on its {@code traceparent}, and a span per job from creation to end (see
   * docs/PROTOCOL.md). The caller keeps {@code openTelemetry} and closes it after the server; null
   * means no tracing, which costs nothing. {@link OtlpTracing#create} builds one for a collector.
   *
   * @throws IllegalArgumentException when the webhook secret is not {@code whsec_} and base64
   */
  public static JobServer create(ServerConfig config, OpenTelemetry openTelemetry) {
    return new JobServer(config, openTelemetry);
  }

  /**
   * Starts listening and returns this server once it accepts connections; creates the default job.
   *
   * @throws ServerStartException when it cannot listen, naming host:port and why
   * @throws IllegalStateException when started twice or after close
   */
  public JobServer start() {
    if (closed.get() || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("a JobServer starts once, and not after close()");
    }
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(instances));
    try {
      store = await(Stores.open(vertx, config));
    } catch (RuntimeException e) {
      closeQuietly();
      throw new ServerStartException("cannot open the store " + StoreUrls.redacted(config.store()) + ": " + e.getMessage(), e);
    }
    backend = new SimulatedBackend(vertx, config, metrics, tracing, store, webhookSecret);
    feed = new EventFeed(store.events());
    LiveFaults faults = new LiveFaults(config);
    try {
      feed.start();
      await(backend.start());
      ConnectionGuard guard =
          new ConnectionGuard(config.limits().maxConnections(), config.limits().headerTimeout(), metrics);
      List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
      // a negative port asks Vert.x for one random port shared by every instance (port 0 would
      // give each instance its own)
      int bindPort = config.port() == 0 ? -1 : config.port();
      await(vertx.deployVerticle(() -> {
        HttpVerticle verticle = new HttpVerticle(
            config, backend, feed, metrics, tracing, faults, store.jobs()::retained, bindPort, guard);
        verticles.add(verticle);
        return verticle;
      }, new DeploymentOptions().setInstances(instances)));
      port = verticles.get(0).actualPort();
    } catch (RuntimeException e) {
      closeQuietly();
      throw new ServerStartException(startFailure(e), e);
    }
    LOG.info("vtstatus server listening on {} (seed={}, event loops={}, store={})", url(), backend.seed(), instances,
        StoreUrls.redacted(config.store()));
    return this;
  }

  private String startFailure(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof BindException)) {
      cause = cause.getCause();
    }
    String where = "cannot listen on " + config.host() + ":" + config.port() + ": ";
    if (cause instanceof BindException) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("in use")) {
        return where + "port " + config.port() + " is in use";
      }
      return where + message;
    }
    return where + cause;
  }

  /** Returns the bound port; valid after {@link #start()}. */
  public int port() {
    if (port < 0) {
      throw new IllegalStateException("the server is not started");
    }
    return port;
  }

  /** Returns the base URL, e.g. {@code http://127.0.0.1:43117}; valid after {@link #start()}. */
  public URI url() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    if (host.equals("0.0.0.0") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    return URI.create("http://" + host + ":" + port());
  }

  /** Returns the config the server was created with. */
  public ServerConfig config() {
    return config;
  }

  /** Returns the {@code whsec_...} secret webhooks are signed with: configured, or drawn at create. */
  public String webhookSecret() {
    return webhookSecret;
  }

  /** Returns a snapshot of the server's counters. */
  public ServerStats stats() {
    return metrics.stats(retained());
  }

  private int retained() {
    Store s = store;
    return s == null ? 0 : s.jobs().retained();
  }

  /**
   * Stops listening: parked long polls are answered with their job's current state, event streams
   * end, webhook deliveries stop. Idempotent; blocks until done (at most a few seconds).
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly();
      tracing.close();
      metrics.close();
    }
  }

  private void closeQuietly() {
    Vertx v = vertx;
    if (v == null) {
      return;
    }
    if (feed != null) {
      feed.stop();
    }
    if (backend != null) {
      backend.close();
    }
    if (store != null) {
      try {
        await(store.close());
      } catch (RuntimeException e) {
        LOG.warn("closing the store failed", e);
      }
    }
    try {
      await(v.close());
    } catch (RuntimeException e) {
      LOG.warn("closing the server failed", e);
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out after " + START_TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
