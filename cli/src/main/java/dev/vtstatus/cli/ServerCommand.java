package dev.vtstatus.cli;

import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.OtlpTracing;
import dev.vtstatus.server.ServerConfig;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vtstatus server}: runs the simulating job server until interrupted. Every knob of {@link
 * ServerConfig} is a flag and an environment variable; the defaults are the seed server's.
 *
 * <p>The command returns when the JVM shuts down (Ctrl-C) or when the thread running it is
 * interrupted; both close the server. Not thread-safe.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Runs the simulating video translation server until interrupted (Ctrl-C).",
      "Every option can also be set by the environment variable named in its description.",
      ""
    })
final class ServerCommand implements Callable<Integer>, LogsProgress {
  private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);
  private static final Pattern FIELD = Pattern.compile("^([a-z]+(?:[A-Z][a-z]*)+|[a-z]+)\\b");

  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "${VTSTATUS_PORT:-5000}",
      description = "Port to listen on; 0 picks a free one (env VTSTATUS_PORT, default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "${VTSTATUS_HOST:-127.0.0.1}",
      description = "Address to bind (env VTSTATUS_HOST, default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--min-delay", paramLabel = "DURATION", defaultValue = "${VTSTATUS_MIN_DELAY:-5s}",
      description = "Shortest simulated job duration, e.g. 500ms, 5s, 2m or plain seconds"
          + " (env VTSTATUS_MIN_DELAY, default: ${DEFAULT-VALUE}).")
  Duration minDelay;

  @Option(names = "--max-delay", paramLabel = "DURATION", defaultValue = "${VTSTATUS_MAX_DELAY:-10s}",
      description = "Longest simulated job duration (env VTSTATUS_MAX_DELAY, default: ${DEFAULT-VALUE}).")
  Duration maxDelay;

  @Option(names = "--error-probability", paramLabel = "0..1",
      defaultValue = "${VTSTATUS_ERROR_PROBABILITY:-0.1}",
      description = "Chance that a job ends in error (env VTSTATUS_ERROR_PROBABILITY, default: ${DEFAULT-VALUE}).")
  double errorProbability;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "${VTSTATUS_SEED}",
      description = "Seed of the random source, for repeatable runs (env VTSTATUS_SEED, default: random).")
  Long seed;

  @Option(names = "--estimate-noise", paramLabel = "0..1",
      defaultValue = "${VTSTATUS_ESTIMATE_NOISE:-0.3}",
      description = "How far off each estimate of the remaining time may be, as a share of it"
          + " (env VTSTATUS_ESTIMATE_NOISE, default: ${DEFAULT-VALUE}).")
  double estimateNoise;

  @Option(names = "--max-wait", paramLabel = "DURATION", defaultValue = "${VTSTATUS_MAX_WAIT:-60s}",
      description = "Longest long poll the server holds (env VTSTATUS_MAX_WAIT, default: ${DEFAULT-VALUE}).")
  Duration maxWait;

  @Option(names = "--api-key", paramLabel = "KEY", split = ",", defaultValue = "${VTSTATUS_API_KEY}",
      description = "Accepted X-Api-Key value; repeat for several. Without one no key is needed"
          + " (env VTSTATUS_API_KEY, comma-separated).")
  List<String> apiKeys = new ArrayList<>();

  @Option(names = "--admin-key", paramLabel = "KEY", defaultValue = "${VTSTATUS_ADMIN_KEY}",
      description = "X-Api-Key the admin routes need (env VTSTATUS_ADMIN_KEY). Without it they are open"
          + " when no --api-key is set, and off when one is.")
  String adminKey;

  @Option(names = "--webhook-secret", paramLabel = "whsec_...", defaultValue = "${VTSTATUS_WEBHOOK_SECRET}",
      description = "Secret that webhooks are signed with (env VTSTATUS_WEBHOOK_SECRET, default: generated).")
  String webhookSecret;

  @Option(names = "--fault-rate", paramLabel = "0..1", defaultValue = "${VTSTATUS_FAULT_RATE:-0}",
      description = "Share of requests answered 503 with Retry-After (env VTSTATUS_FAULT_RATE, default: ${DEFAULT-VALUE}).")
  double faultRate;

  @Option(names = "--fault-latency", paramLabel = "DURATION", defaultValue = "${VTSTATUS_FAULT_LATENCY:-0ms}",
      description = "Latency added to every request (env VTSTATUS_FAULT_LATENCY, default: ${DEFAULT-VALUE}).")
  Duration faultLatency;

  @Option(names = "--drop-rate", paramLabel = "0..1", defaultValue = "${VTSTATUS_DROP_RATE:-0}",
      description = "Share of requests whose connection is closed without an answer"
          + " (env VTSTATUS_DROP_RATE, default: ${DEFAULT-VALUE}).")
  double dropRate;

  @Option(names = "--rate-limit", paramLabel = "PER_SECOND", defaultValue = "${VTSTATUS_RATE_LIMIT:-0}",
      description = "Requests per second allowed before 429 with Retry-After; 0 means no limit"
          + " (env VTSTATUS_RATE_LIMIT, default: ${DEFAULT-VALUE}).")
  double rateLimit;

  @Option(names = "--max-jobs", paramLabel = "N", defaultValue = "${VTSTATUS_MAX_JOBS:-100000}",
      description = "Most jobs retained; the oldest finished ones are evicted first"
          + " (env VTSTATUS_MAX_JOBS, default: ${DEFAULT-VALUE}).")
  int maxJobs;

  @Option(names = "--event-buffer", paramLabel = "EVENTS", defaultValue = "${VTSTATUS_EVENT_BUFFER:-10000}",
      description = "Events kept for clients that reconnect with Last-Event-ID"
          + " (env VTSTATUS_EVENT_BUFFER, default: ${DEFAULT-VALUE}).")
  int eventBuffer;

  @Option(names = "--max-body-size", paramLabel = "BYTES", defaultValue = "${VTSTATUS_MAX_BODY_SIZE:-65536}",
      description = "Largest request body accepted (env VTSTATUS_MAX_BODY_SIZE, default: ${DEFAULT-VALUE}).")
  int maxBodySize;

  @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "${VTSTATUS_HEARTBEAT:-15s}",
      description = "How often event streams send a keep-alive comment (env VTSTATUS_HEARTBEAT, default: ${DEFAULT-VALUE}).")
  Duration heartbeat;

  @Option(names = "--seed-protocol-only", defaultValue = "${VTSTATUS_SEED_PROTOCOL_ONLY:-false}",
      description = "Serve only the seed routes (POST /job, GET /status...), as the original server did"
          + " (env VTSTATUS_SEED_PROTOCOL_ONLY).")
  boolean seedProtocolOnly;

  @Option(names = "--header-timeout", paramLabel = "DURATION", defaultValue = "${VTSTATUS_HEADER_TIMEOUT:-10s}",
      description = "Longest a request's headers may take from their first byte before 408 and close; long polls,"
          + " streams and idle keep-alive connections are not affected (env VTSTATUS_HEADER_TIMEOUT, default: ${DEFAULT-VALUE}).")
  Duration headerTimeout;

  @Option(names = "--max-connections", paramLabel = "N", defaultValue = "${VTSTATUS_MAX_CONNECTIONS}",
      description = "Most connections open at once; more are closed on accept, with a log line"
          + " (env VTSTATUS_MAX_CONNECTIONS, default: three quarters of the open-file limit).")
  Integer maxConnections;

  @Option(names = "--webhook-timeout", paramLabel = "DURATION", defaultValue = "${VTSTATUS_WEBHOOK_TIMEOUT:-10s}",
      description = "Longest one webhook attempt may take, connecting to the last byte of the answer"
          + " (env VTSTATUS_WEBHOOK_TIMEOUT, default: ${DEFAULT-VALUE}).")
  Duration webhookTimeout;

  @Option(names = "--allow-private-callbacks", defaultValue = "${VTSTATUS_ALLOW_PRIVATE_CALLBACKS:-false}",
      description = "Accept private and loopback callback_url addresses when binding a non-loopback address;"
          + " link-local and metadata addresses are always refused (env VTSTATUS_ALLOW_PRIVATE_CALLBACKS).")
  boolean allowPrivateCallbacks;

  @Option(names = "--max-simulated-duration", paramLabel = "DURATION",
      defaultValue = "${VTSTATUS_MAX_SIMULATED_DURATION:-24h}",
      description = "Longest simulate.duration_ms a create may ask for (env VTSTATUS_MAX_SIMULATED_DURATION,"
          + " default: ${DEFAULT-VALUE}).")
  Duration maxSimulatedDuration;
  @Option(names = "--store", paramLabel = "memory|redis://HOST:PORT[/DB]", defaultValue = "${VTSTATUS_STORE:-memory}",
      description = "Where jobs, events and webhook retries are kept: in this process, or in a Redis that"
          + " several servers share as one (env VTSTATUS_STORE, default: ${DEFAULT-VALUE}).")
  String store;

  @Option(names = "--otlp-endpoint", paramLabel = "URL", defaultValue = "${VTSTATUS_OTLP_ENDPOINT}",
      description = "Send OpenTelemetry spans of requests and job transitions to this OTLP/HTTP collector,"
          + " e.g. http://127.0.0.1:4318 (env VTSTATUS_OTLP_ENDPOINT, default: no tracing).")
  URI otlpEndpoint;

  private final AtomicBoolean tracingClosed = new AtomicBoolean();

  @Option(names = "--memory-budget", paramLabel = "BYTES", defaultValue = "${VTSTATUS_MEMORY_BUDGET}",
      description = "Most bytes retained jobs, kept events and idempotency records may take; past it ended jobs"
          + " are evicted, then creates are 503 (env VTSTATUS_MEMORY_BUDGET, default: a quarter of the maximum heap).")
  Long memoryBudget;

  /** Returns the server configuration the options describe. */
  ServerConfig config() {
    if (minDelay.compareTo(maxDelay) > 0) {
      throw new ParameterException(spec.commandLine(),
          "--min-delay (" + Formats.duration(minDelay) + ") is above --max-delay ("
              + Formats.duration(maxDelay) + "); lower --min-delay or raise --max-delay");
    }
    try {
      ServerConfig.Builder builder = ServerConfig.builder()
          .host(host)
          .port(port)
          .minDelay(minDelay)
          .maxDelay(maxDelay)
          .errorProbability(errorProbability)
          .seed(seed)
          .estimateNoise(estimateNoise)
          .maxWait(maxWait)
          .apiKeys(new LinkedHashSet<>(apiKeys == null ? List.of() : apiKeys))
          .adminKey(adminKey == null || adminKey.isEmpty() ? null : adminKey)
          .webhookSecret(webhookSecret)
          .faultRate(faultRate)
          .faultLatency(faultLatency)
          .dropRate(dropRate)
          .rateLimit(rateLimit)
          .maxJobs(maxJobs)
          .eventBufferSize(eventBuffer)
          .maxBodySize(maxBodySize)
          .heartbeat(heartbeat)
          .seedProtocolOnly(seedProtocolOnly)
          .headerTimeout(headerTimeout)
          .webhookTimeout(webhookTimeout)
          .allowPrivateCallbacks(allowPrivateCallbacks)
          .maxSimulatedDuration(maxSimulatedDuration)
          .store(store);
      if (maxConnections != null) {
        builder.maxConnections(maxConnections);
      }
      if (memoryBudget != null) {
        builder.memoryBudget(memoryBudget);
      }
      return builder.build();
    } catch (IllegalArgumentException bad) {
      throw new ParameterException(spec.commandLine(), asFlag(bad.getMessage()), bad);
    }
  }

  @Override
  public Integer call() {
    ServerConfig config = config();
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    boolean wasInterrupted = false;
    OpenTelemetrySdk tracing = tracing();
    JobServer server;
    try {
      server = JobServer.create(config, tracing).start();
    } catch (RuntimeException failed) {
      closeTracing(tracing);
      throw failed;
    }
    // Ctrl-C runs the hook, which stops the server and releases the wait below.
    Thread hook = new Thread(() -> {
      server.close();
      closeTracing(tracing);
      stopped.countDown();
    }, "vtstatus-server-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      out.println("vtstatus server listening on " + server.url());
      out.println(describe(config, server));
      out.println("Press Ctrl-C to stop.");
      out.flush();
      stopped.await();
    } catch (InterruptedException interrupted) {
      wasInterrupted = true;
    } finally {
      removeHook(hook);
      // closed before the interrupt is restored: close() waits for the server to stop, and an
      // interrupted thread would give up that wait and leave the server closing behind it
      server.close();
      closeTracing(tracing);
    }
    if (wasInterrupted) {
      Thread.currentThread().interrupt();
    }
    log.info("vtstatus server stopped");
    return ExitCode.OK;
  }

  private static String describe(ServerConfig config, JobServer server) {
    StringBuilder text = new StringBuilder();
    String span = config.minDelay().equals(config.maxDelay()) ? Formats.duration(config.minDelay())
        : Formats.duration(config.minDelay()) + " to " + Formats.duration(config.maxDelay());
    text.append(String.format(Locale.ROOT, "jobs take %s, %.0f%% end in error", span,
        config.errorProbability() * 100));
    text.append(config.seed() == null ? "" : ", seed " + config.seed());
    text.append(config.apiKeys().isEmpty() ? "; no API key needed" : "; X-Api-Key required");
    text.append(config.seedProtocolOnly() ? "; seed protocol only"
        : config.adminKey() != null ? "; admin routes need the admin key"
        : config.apiKeys().isEmpty() ? "; admin routes open" : "; admin routes off (no --admin-key)");
    text.append(config.store().equals(ServerConfig.MEMORY_STORE) ? "" : "; state in Redis, shared with every server on it");
    text.append(config.seedProtocolOnly() ? "" : System.lineSeparator() + "dashboard at " + server.url() + "/");
    if (config.webhookSecret() == null && !config.seedProtocolOnly()) {
      text.append(System.lineSeparator()).append("webhooks are signed with ")
          .append(server.webhookSecret()).append(" (set one with --webhook-secret)");
    }
    return text.toString();
  }

  /** Returns the SDK that exports to {@code --otlp-endpoint}, or null for no tracing. */
  private OpenTelemetrySdk tracing() {
    if (otlpEndpoint == null) {
      return null;
    }
    try {
      return OtlpTracing.create(otlpEndpoint);
    } catch (IllegalArgumentException bad) {
      throw new ParameterException(spec.commandLine(), "--otlp-endpoint " + bad.getMessage(), bad);
    }
  }

  /** Sends the spans still batched, once, whether the hook or the command gets there first. */
  private void closeTracing(OpenTelemetrySdk tracing) {
    if (tracing != null && tracingClosed.compareAndSet(false, true)) {
      tracing.close();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already running the hook; nothing to remove.
    }
  }

  /** Names the flag instead of the config field: {@code errorProbability ...} becomes {@code --error-probability ...}. */
  static String asFlag(String message) {
    if (message == null) {
      return "invalid server option";
    }
    Matcher field = FIELD.matcher(message);
    if (!field.find()) {
      return message;
    }
    String flag = "--" + field.group(1).replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    if (flag.equals("--event-buffer-size")) {
      flag = "--event-buffer";
    } else if (flag.equals("--api-keys")) {
      flag = "--api-key";
    }
    return flag + message.substring(field.end());
  }
}
