package dev.vtstatus.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on standard error that says what to do, and an exit code (see
 * {@link ExitCode}). The stack trace follows only with {@code --verbose}. Stateless and thread-safe.
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine commandLine = ex.getCommandLine();
    PrintWriter err = commandLine.getErr();
    String help = "see '" + commandLine.getCommandSpec().qualifiedName() + " --help'";
    String message = ex.getMessage();
    if (ex instanceof UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      message += "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
    }
    err.println("error: " + message + " (" + help + ")");
    if (Arrays.asList(args).contains("--verbose")) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCode.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parsed) {
    if (ex instanceof ParameterException parameterException) {
      return handleParseException(parameterException, parsed.originalArgs().toArray(new String[0]));
    }
    String url =
        commandLine.getCommand() instanceof TalksToServer command ? command.serverUrl() : null;
    CliFailure failure = Failures.explain(ex, url);
    PrintWriter err = commandLine.getErr();
    CommonOptions common = Main.commonOptions(commandLine);
    boolean verbose = common != null && common.verbose;
    err.println("error: " + failure.getMessage());
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return failure.exitCode();
  }
}
