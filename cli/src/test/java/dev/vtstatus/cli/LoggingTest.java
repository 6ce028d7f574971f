package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
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
    CliRun.run("status", "x", "--url", TestServers.unreachableUrl(), "--log-format", "json");
    // Then the one appender writes Logstash JSON to standard error
    ConsoleAppender<?> appender = stderrAppender();
    assertThat(appender.getTarget()).isEqualTo("System.err");
    assertThat(appender.getEncoder()).isInstanceOf(LogstashEncoder.class);
  }

  @Test
  void logFormatMayAlsoComeBeforeTheCommandName() {
    // Given / When
    CliRun.run("--log-format", "json", "status", "x", "--url", TestServers.unreachableUrl());
    // Then
    assertThat(stderrAppender().getEncoder()).isInstanceOf(LogstashEncoder.class);
  }

  @Test
  void textIsTheDefaultAndOnlyWarningsShowForClientCommands() {
    // Given / When
    CliRun.run("status", "x", "--url", TestServers.unreachableUrl());
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

  private ConsoleAppender<?> stderrAppender() {
    Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    return (ConsoleAppender<?>) ((ch.qos.logback.classic.Logger) root).getAppender("stderr");
  }
}
