package dev.vtstatus.cli;

import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.OtlpTracing;
import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.server.ServerOption;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vtstatus server}: runs the simulating job server until interrupted. Every {@link
 * ServerOption} is a flag and an environment variable; the defaults are the seed server's.
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

  private static final String OTLP_ENDPOINT = "--otlp-endpoint";

  @Spec CommandSpec spec;

  private final AtomicBoolean tracingClosed = new AtomicBoolean();

  /**
   * Returns the command's spec: one option per {@link ServerOption}, with the option's environment
   * variable and default, so that {@code --help} and completion show exactly the table, then
   * {@code --otlp-endpoint}.
   */
  static CommandSpec commandSpec() {
    CommandSpec spec = CommandSpec.forAnnotatedObject(new ServerCommand());
    for (ServerOption<?> option : ServerOption.all()) {
      OptionSpec.Builder builder = OptionSpec.builder(option.flag())
          .description(Character.toUpperCase(option.description().charAt(0)) + option.description().substring(1)
              + " (env " + option.environment() + ", default: " + option.defaultText() + ").")
          .defaultValue("${" + option.environment()
              + (option.defaultValue() == null ? "}" : ":-" + option.defaultValue() + "}"));
      if (option.type() == ServerOption.Keys.class) {
        builder.type(List.class).auxiliaryTypes(String.class).splitRegex(",").paramLabel(option.paramLabel());
      } else if (option.isFlag()) {
        builder.type(Boolean.class).arity("0");
      } else {
        builder.type(option.type()).paramLabel(option.paramLabel());
      }
      spec.addOption(builder.build());
    }
    // not a ServerConfig setting: the tracing SDK is handed to JobServer.create beside the config
    spec.addOption(OptionSpec.builder(OTLP_ENDPOINT).type(URI.class).paramLabel("URL")
        .defaultValue("${VTSTATUS_OTLP_ENDPOINT}")
        .description("Send OpenTelemetry spans of requests and job transitions to this OTLP/HTTP collector,"
            + " e.g. http://127.0.0.1:4318 (env VTSTATUS_OTLP_ENDPOINT, default: no tracing).").build());
    return spec;
  }

  /** Returns the server configuration the options describe; a bad value is a usage error naming its flag. */
  ServerConfig config() {
    Duration minDelay = spec.findOption("--min-delay").getValue();
    Duration maxDelay = spec.findOption("--max-delay").getValue();
    if (minDelay.compareTo(maxDelay) > 0) {
      throw new ParameterException(spec.commandLine(),
          "--min-delay (" + Formats.duration(minDelay) + ") is above --max-delay ("
              + Formats.duration(maxDelay) + "); lower --min-delay or raise --max-delay");
    }
    ServerConfig.Builder builder = ServerConfig.builder();
    try {
      for (ServerOption<?> option : ServerOption.all()) {
        Object value = spec.findOption(option.flag()).getValue();
        if (value != null) {
          set(option, builder, value);
        }
      }
      return builder.build();
    } catch (IllegalArgumentException bad) {
      throw new ParameterException(spec.commandLine(), ServerOption.withFlag(bad.getMessage()), bad);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void set(ServerOption<T> option, ServerConfig.Builder builder, Object value) {
    option.set(builder, option.type() == ServerOption.Keys.class
        ? (T) new ServerOption.Keys((List<String>) value) : option.type().cast(value));
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
    String span = config.simulation().minDelay().equals(config.simulation().maxDelay()) ? Formats.duration(config.simulation().minDelay())
        : Formats.duration(config.simulation().minDelay()) + " to " + Formats.duration(config.simulation().maxDelay());
    text.append(String.format(Locale.ROOT, "jobs take %s, %.0f%% end in error", span,
        config.simulation().errorProbability() * 100));
    text.append(config.simulation().seed() == null ? "" : ", seed " + config.simulation().seed());
    text.append(config.auth().apiKeys().isEmpty() ? "; no API key needed" : "; X-Api-Key required");
    text.append(config.seedProtocolOnly() ? "; seed protocol only"
        : config.auth().adminKey() != null ? "; admin routes need the admin key"
        : config.auth().apiKeys().isEmpty() ? "; admin routes open" : "; admin routes off (no --admin-key)");
    text.append(config.store().equals(ServerConfig.MEMORY_STORE) ? "" : "; state in Redis, shared with every server on it");
    text.append(config.seedProtocolOnly() ? "" : System.lineSeparator() + "dashboard at " + server.url() + "/");
    if (config.webhooks().secret() == null && !config.seedProtocolOnly()) {
      text.append(System.lineSeparator()).append("webhooks are signed with ")
          .append(server.webhookSecret()).append(" (set one with --webhook-secret)");
    }
    return text.toString();
  }

  /** Returns the SDK that exports to {@code --otlp-endpoint}, or null for no tracing. */
  private OpenTelemetrySdk tracing() {
    URI otlpEndpoint = spec.findOption(OTLP_ENDPOINT).getValue();
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
}
