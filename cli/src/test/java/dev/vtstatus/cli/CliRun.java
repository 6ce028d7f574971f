package dev.vtstatus.cli;

import java.io.PrintWriter;
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

  /** Returns the error output's lines, without blank ones. */
  String[] errLines() {
    return err.lines().filter(line -> !line.isBlank()).toArray(String[]::new);
  }
}
