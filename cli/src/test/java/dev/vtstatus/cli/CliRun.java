package dev.vtstatus.cli;

import dev.vtstatus.server.ServerConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs the {@code vtstatus} command line in-process with captured output.
 *
 * @param exitCode what the command returned
 * @param out everything written to standard output
 * @param err everything written to standard error
 */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code vtstatus args...} and returns what it printed. */
  static CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /** Sets the short jobs the command's tests run against: 50 to 200 ms, no errors, a fixed seed. */
  static ServerConfig.Builder quickJobs(ServerConfig.Builder settings) {
    return settings.minDelay(Duration.ofMillis(50)).maxDelay(Duration.ofMillis(200)).errorProbability(0.0).seed(42L);
  }

  /** Returns the error output's lines, without blank ones. */
  String[] errLines() {
    return err.lines().filter(line -> !line.isBlank()).toArray(String[]::new);
  }
}
