package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.junit.VtStatusServer;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.testing.Ports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingTest {
  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

  @AfterEach
  void restore() {
    Logging.configure(LogFormat.text, Level.WARN, false);
  }

  @Test
  void logFormatJsonWritesJsonLinesToStandardError() {
    // Given / When a command runs with --log-format json
    CliRun.run("status", "x", "--url", Ports.unreachableUrl(), "--log-format", "json");
    // Then the one appender writes Logstash JSON to standard error
    ConsoleAppender<?> appender = stderrAppender();
    assertThat(appender.getTarget()).isEqualTo("System.err");
    assertThat(appender.getEncoder()).isInstanceOf(LogstashEncoder.class);
  }

  @Test
  void logFormatMayAlsoComeBeforeTheCommandName() {
    // Given / When
    CliRun.run("--log-format", "json", "status", "x", "--url", Ports.unreachableUrl());
    // Then
    assertThat(stderrAppender().getEncoder()).isInstanceOf(LogstashEncoder.class);
  }

  @Test
  void textIsTheDefaultAndOnlyWarningsShowForClientCommands() {
    // Given / When
    CliRun.run("status", "x", "--url", Ports.unreachableUrl());
    // Then
    assertThat(stderrAppender().getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
    assertThat(context.getLogger("dev.vtstatus.client").getEffectiveLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void serverLogsItsJobsAtInfoAndVerboseAddsDebug() {
    // Given / When
    CliRun.run("server", "--min-delay", "2s", "--max-delay", "1s");
    Level server = context.getLogger("dev.vtstatus.server").getEffectiveLevel();
    CliRun.run("server", "--min-delay", "2s", "--max-delay", "1s", "--verbose");
    Level verbose = context.getLogger("dev.vtstatus.server").getEffectiveLevel();
    // Then
    assertThat(server).isEqualTo(Level.INFO);
    assertThat(verbose).isEqualTo(Level.DEBUG);
  }

  @Test
  void jsonLogLinesCarryTheJobIdAndTraceIdAsFields() throws Exception {
    // Given: JSON logs at info, standard error captured
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    String trace = "0af7651916cd43dd8448eb211c80319c";
    AtomicReference<String> createdId = new AtomicReference<>();
    try {
      VtStatusServer.run(CliRun::quickJobs, server -> {
        Logging.configure(LogFormat.json, Level.INFO, false);

        // When
        HttpResponse<String> created = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(server.baseUrl().resolve("/v1/jobs"))
                .header("traceparent", "00-" + trace + "-b7ad6b7169203331-01")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
            HttpResponse.BodyHandlers.ofString());
        String jobId = Json.mapper().readTree(created.body()).get("job_id").asText();
        createdId.set(jobId);
        Awaitility.await().atMost(Duration.ofSeconds(5))
            .until(() -> captured.toString(StandardCharsets.UTF_8).contains("job created job_id=" + jobId));
      });
    } finally {
      System.setErr(original);
    }

    // Then
    String jobId = createdId.get();
    JsonNode line = captured.toString(StandardCharsets.UTF_8)
        .lines().filter(l -> l.contains("job created job_id=" + jobId)).findFirst()
        .map(l -> {
          try {
            return Json.mapper().readTree(l);
          } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + l, e);
          }
        }).orElseThrow();
    assertThat(line.get("job_id").asText()).isEqualTo(jobId);
    assertThat(line.get("trace_id").asText()).isEqualTo(trace);
  }

  private ConsoleAppender<?> stderrAppender() {
    Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    return (ConsoleAppender<?>) ((ch.qos.logback.classic.Logger) root).getAppender("stderr");
  }
}
