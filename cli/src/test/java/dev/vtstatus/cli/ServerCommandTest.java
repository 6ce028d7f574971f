package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.junit.VtStatusServer;
import dev.vtstatus.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServerCommandTest {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  @Test
  void servesUntilInterruptedThenStops() throws Exception {
    // Given the server command running on a free port
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    AtomicInteger exitCode = new AtomicInteger(-1);
    Thread runner = new Thread(() -> exitCode.set(commandLine.execute(
        "server", "--port", "0", "--min-delay", "50ms", "--max-delay", "200ms")));
    runner.start();
    try {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> LISTENING.matcher(out.toString()).find() || !runner.isAlive());
      Matcher url = LISTENING.matcher(out.toString());
      assertThat(url.find()).as(err.toString()).isTrue();
      URI health = URI.create(url.group(1) + "/healthz");

      // When it is asked for its health
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> answer =
          http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());

      // Then it answers, and says what it simulates
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(out.toString()).contains("jobs take 50ms to 200ms", "Ctrl-C");

      // When the command is interrupted, Then it returns 0 and stops listening
      runner.interrupt();
      runner.join(Duration.ofSeconds(10).toMillis());
      assertThat(runner.isAlive()).isFalse();
      assertThat(exitCode.get()).isZero();
      assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(health).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    } finally {
      runner.interrupt();
      runner.join(Duration.ofSeconds(10).toMillis());
    }
  }

  @Test
  void defaultsAreTheServerConfigDefaults() {
    // Given the server command with no options
    ServerCommand command = parse();
    // When / Then the config it builds is exactly the library's default one
    assertThat(command.config()).isEqualTo(ServerConfig.builder().build());
  }

  @Test
  void everyFlagReachesTheConfig() {
    // Given every knob on the command line
    ServerCommand command = parse("--port", "0", "--host", "127.0.0.2", "--min-delay", "500ms",
        "--max-delay", "2", "--error-probability", "0.25", "--seed", "7", "--estimate-noise", "0.1",
        "--max-wait", "20s", "--api-key", "k1", "--api-key", "k2", "--webhook-secret", "whsec_abc",
        "--fault-rate", "0.05", "--fault-latency", "30ms", "--drop-rate", "0.01",
        "--rate-limit", "100", "--max-jobs", "500", "--event-buffer", "50",
        "--max-body-size", "1024", "--heartbeat", "1m", "--seed-protocol-only",
        "--header-timeout", "3s", "--max-connections", "900", "--webhook-timeout", "4s",
        "--allow-private-callbacks", "--max-simulated-duration", "1h", "--memory-budget", "1000000",
        "--store", "redis://127.0.0.1:6390/2");
    // When
    ServerConfig config = command.config();
    // Then
    ServerConfig expected = ServerConfig.builder().port(0).host("127.0.0.2")
        .minDelay(Duration.ofMillis(500)).maxDelay(Duration.ofSeconds(2)).errorProbability(0.25)
        .seed(7L).estimateNoise(0.1).maxWait(Duration.ofSeconds(20)).apiKeys(Set.of("k1", "k2"))
        .webhookSecret("whsec_abc").faultRate(0.05).faultLatency(Duration.ofMillis(30))
        .dropRate(0.01).rateLimit(100).maxJobs(500).eventBufferSize(50).maxBodySize(1024)
        .heartbeat(Duration.ofMinutes(1)).seedProtocolOnly(true).headerTimeout(Duration.ofSeconds(3))
        .maxConnections(900).webhookTimeout(Duration.ofSeconds(4)).allowPrivateCallbacks(true)
        .maxSimulatedDuration(Duration.ofHours(1)).memoryBudget(1_000_000).store("redis://127.0.0.1:6390/2").build();
    assertThat(config).isEqualTo(expected);
  }

  @Test
  void environmentVariablesSetTheDefaults() {
    // Given the variables (picocli reads ${VTSTATUS_...} from system properties, then the
    // environment, so a property stands in for the variable here)
    System.setProperty("VTSTATUS_PORT", "5123");
    System.setProperty("VTSTATUS_MAX_DELAY", "30s");
    System.setProperty("VTSTATUS_API_KEY", "a,b");
    try {
      // When
      ServerConfig config = parse().config();
      // Then
      assertThat(config.port()).isEqualTo(5123);
      assertThat(config.simulation().maxDelay()).isEqualTo(Duration.ofSeconds(30));
      assertThat(config.auth().apiKeys()).containsExactlyInAnyOrder("a", "b");
      // And a flag still wins over the variable
      assertThat(parse("--port", "6000").config().port()).isEqualTo(6000);
    } finally {
      System.clearProperty("VTSTATUS_PORT");
      System.clearProperty("VTSTATUS_MAX_DELAY");
      System.clearProperty("VTSTATUS_API_KEY");
    }
  }

  @Test
  void minDelayAboveMaxDelayIsOneLineUsageError() {
    // Given / When
    CliRun run = CliRun.run("server", "--port", "0", "--min-delay", "5s", "--max-delay", "1s");
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLines()).containsExactly(
        "error: --min-delay (5s) is above --max-delay (1s); lower --min-delay or raise"
            + " --max-delay (see 'vtstatus server --help')");
  }

  @Test
  void otlpEndpointThatIsNotAnHttpUrlIsOneLineUsageError() {
    // Given / When
    CliRun run = CliRun.run("server", "--port", "0", "--otlp-endpoint", "collector:4318");
    // Then it is refused before the server starts, naming the flag
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--otlp-endpoint", "http(s) URL", "'collector:4318'");
  }

  @Test
  void storeOfAnotherSchemeIsOneLineUsageError() {
    // Given / When
    CliRun run = CliRun.run("server", "--port", "0", "--store", "postgres://db:5432");
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--store must be 'memory' or redis://HOST:PORT[/DB]", "postgres://db:5432");
  }

  @Test
  void badDurationIsOneLineUsageError() {
    // Given / When
    CliRun run = CliRun.run("server", "--max-delay", "5x");
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--max-delay", "'5x' is not a duration", "500ms, 5s, 2m");
  }

  @Test
  void outOfRangeValueNamesTheFlag() {
    // Given / When
    CliRun run = CliRun.run("server", "--port", "0", "--error-probability", "1.5");
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--error-probability must be between 0 and 1");
  }

  @Test
  void verboseAddsTheStackTrace() {
    // Given / When
    CliRun run = CliRun.run("server", "--min-delay", "5s", "--max-delay", "1s", "--verbose");
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("is above --max-delay", "\tat ");
  }

  @Test
  void portInUseSaysSoAndHowToPickAnother() throws Exception {
    // Given a server holding a port
    VtStatusServer.run(CliRun::quickJobs, busy -> {
      // When the command tries the same port
      CliRun run = CliRun.run("server", "--port", String.valueOf(busy.port()));
      // Then
      assertThat(run.exitCode()).isEqualTo(ExitCode.SERVER);
      assertThat(run.errLines()).hasSize(1);
      assertThat(run.err()).contains("cannot listen on", String.valueOf(busy.port()), "in use",
          "pick another port with --port");
      assertThat(run.err()).doesNotContain("\tat ");
    });
  }

  private static ServerCommand parse(String... args) {
    CommandLine main = Main.newCommandLine();
    String[] all = new String[args.length + 1];
    all[0] = "server";
    System.arraycopy(args, 0, all, 1, args.length);
    main.parseArgs(all);
    return main.getSubcommands().get("server").getCommand();
  }
}
