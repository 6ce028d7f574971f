package dev.vtstatus.cli;

import dev.vtstatus.client.ApiException;
import dev.vtstatus.client.AuthenticationException;
import dev.vtstatus.client.CallTimeoutException;
import dev.vtstatus.client.InvalidResponseException;
import dev.vtstatus.client.JobNotFoundException;
import dev.vtstatus.client.RetriesExhaustedException;
import dev.vtstatus.client.WaitTimeoutException;
import dev.vtstatus.protocol.Causes;
import dev.vtstatus.protocol.Problem;
import dev.vtstatus.server.ServerStartException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

/**
 * Explains an exception to the person at the terminal: one line saying what went wrong and what to
 * do, and the exit code that goes with it. Stateless and thread-safe.
 */
final class Failures {
  static final String START_ONE = "is the server running? start one with ./vtstatus server";

  private Failures() {}

  /**
   * Returns the user-facing failure for {@code ex}.
   *
   * @param ex what was thrown
   * @param url the server the command talked to, or null
   */
  static CliFailure explain(Throwable ex, String url) {
    Throwable cause = Causes.unwrap(ex);
    String server = url == null ? "the server" : url;
    if (cause instanceof CliFailure failure) {
      return failure;
    }
    if (cause instanceof WaitTimeoutException timeout) {
      return new CliFailure(
          "job " + timeout.jobId() + " is still pending after " + Formats.duration(timeout.timeout())
              + "; wait longer with --timeout, e.g. vtstatus wait " + timeout.jobId()
              + " --timeout 10m"
              + (timeout.token() == null ? "" : ", or look again later with vtstatus wait --resume "
                  + timeout.token()),
          ExitCode.PENDING, cause);
    }
    if (cause instanceof CallTimeoutException slow) {
      return new CliFailure(
          "no answer from " + server + " within " + Formats.duration(slow.timeout()) + " (to "
              + slow.operation() + "); is the server running and is --url a vtstatus server?"
              + " allow longer with --timeout",
          ExitCode.SERVER, cause);
    }
    if (cause instanceof JobNotFoundException notFound) {
      return new CliFailure(
          "no job " + notFound.jobId() + " on " + server
              + "; check the id (vtstatus submit prints one) and --url",
          ExitCode.SERVER, cause);
    }
    if (cause instanceof AuthenticationException) {
      return new CliFailure(
          server + " rejected the API key; pass the right one with --api-key or VTSTATUS_API_KEY",
          ExitCode.SERVER, cause);
    }
    if (cause instanceof ApiException api && api.statusCode() == 400) {
      return new CliFailure(
          server + " rejected the request" + describe(api.problem()), ExitCode.USAGE, cause);
    }
    if (cause instanceof ApiException api) {
      return new CliFailure(
          server + " answered HTTP " + api.statusCode() + describe(api.problem()),
          ExitCode.SERVER, cause);
    }
    String unreachable = unreachable(cause);
    if (unreachable != null) {
      return new CliFailure("cannot reach " + server + ": " + unreachable, ExitCode.SERVER, cause);
    }
    if (cause instanceof RetriesExhaustedException retries) {
      return new CliFailure(
          "gave up on " + server + " after " + retries.attempts() + " attempts: "
              + message(retries.getCause()),
          ExitCode.SERVER, cause);
    }
    if (cause instanceof InvalidResponseException invalid) {
      String why = String.valueOf(invalid.getMessage());
      String notOurs = "this is not a vtstatus server: ";
      return new CliFailure(why.startsWith(notOurs)
              ? server + " is not a vtstatus server (" + why.substring(notOurs.length()) + "); check --url"
              : server + " sent an answer the client cannot use (" + why + "); check --url",
          ExitCode.SERVER, cause);
    }
    if (cause instanceof ServerStartException start) {
      String why = String.valueOf(start.getMessage());
      return new CliFailure(why + (why.contains("in use")
              ? "; pick another port with --port, or --port 0 for a free one"
              : "; check --host and --port"),
          ExitCode.SERVER, cause);
    }
    if (cause instanceof IllegalArgumentException bad) {
      return new CliFailure(bad.getMessage(), ExitCode.USAGE, cause);
    }
    return new CliFailure(
        "unexpected " + cause.getClass().getSimpleName() + ": " + message(cause)
            + " (run with --verbose for the stack trace)",
        ExitCode.FAILED, cause);
  }

  /** Returns why the server could not be reached, or null if that is not what happened. */
  private static String unreachable(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "connection refused; " + START_ONE;
      }
      if (t instanceof UnknownHostException) {
        return "unknown host " + t.getMessage() + "; check --url";
      }
      if (t instanceof HttpTimeoutException) {
        return "no answer in time (" + t.getMessage() + "); " + START_ONE;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String describe(Problem problem) {
    if (problem == null) {
      return "";
    }
    String detail = problem.detail() != null ? problem.detail() : problem.title();
    return detail == null ? "" : ": " + detail;
  }

  private static String message(Throwable t) {
    if (t == null) {
      return "no cause given";
    }
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }
}
