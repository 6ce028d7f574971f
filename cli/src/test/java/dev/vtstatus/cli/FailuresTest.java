package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.ApiException;
import dev.vtstatus.client.CallTimeoutException;
import dev.vtstatus.client.InvalidResponseException;
import dev.vtstatus.client.RetriesExhaustedException;
import dev.vtstatus.protocol.Problem;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  private static final String URL = "http://127.0.0.1:5000";

  @Test
  void refusedConnectionDeepInTheCausesSaysHowToStartAServer() {
    // Given a refused connection wrapped by the async path and the retry loop
    Exception ex = new CompletionException(
        new RetriesExhaustedException(3, new IOException("send failed", new ConnectException())));
    // When
    CliFailure failure = Failures.explain(ex, URL);
    // Then
    assertThat(failure.getMessage()).isEqualTo("cannot reach " + URL
        + ": connection refused; is the server running? start one with ./vtstatus server");
    assertThat(failure.exitCode()).isEqualTo(ExitCode.SERVER);
  }

  @Test
  void unknownHostSaysToCheckTheUrl() {
    // Given / When
    CliFailure failure = Failures.explain(new UnknownHostException("nosuchhost"), "http://nosuchhost");
    // Then
    assertThat(failure.getMessage()).contains("unknown host nosuchhost; check --url");
  }

  @Test
  void otherApiErrorsCarryTheProblemDetail() {
    // Given
    ApiException ex = new ApiException(429,
        new Problem("about:blank", "Too Many Requests", 429, "rate limit of 5/s exceeded"));
    // When
    CliFailure failure = Failures.explain(ex, URL);
    // Then
    assertThat(failure.getMessage()).isEqualTo(URL + " answered HTTP 429: rate limit of 5/s exceeded");
    assertThat(failure.exitCode()).isEqualTo(ExitCode.SERVER);
  }

  @Test
  void responseThatIsNotTheProtocolSaysToCheckTheUrl() {
    // Given / When
    CliFailure failure = Failures.explain(new InvalidResponseException("body is not JSON"), URL);
    // Then
    assertThat(failure.getMessage()).contains("sent an answer the client cannot use (body is not JSON)", "check --url");
  }

  @Test
  void anotherWebServerIsNamedAsSuch() {
    // Given / When
    CliFailure failure = Failures.explain(
        new InvalidResponseException("this is not a vtstatus server: it has no GET /status/x"), URL);
    // Then
    assertThat(failure.getMessage()).isEqualTo(URL + " is not a vtstatus server (it has no GET /status/x); check --url");
    assertThat(failure.exitCode()).isEqualTo(ExitCode.SERVER);
  }

  @Test
  void aRequestTheServerRejectsIsAUsageError() {
    // Given / When
    CliFailure failure = Failures.explain(new ApiException(400,
        new Problem("urn:vtstatus:problem:bad-request", "Bad request", 400, "'x' is not a job id")), URL);
    // Then
    assertThat(failure.getMessage()).isEqualTo(URL + " rejected the request: 'x' is not a job id");
    assertThat(failure.exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void aCallOutOfTimeSaysHowLongItWaitedAndExitsThree() {
    // Given / When
    CliFailure failure = Failures.explain(
        new CallTimeoutException("read job 'x'", java.time.Duration.ofSeconds(5), null), URL);
    // Then
    assertThat(failure.getMessage()).startsWith("no answer from " + URL + " within 5s (to read job 'x')");
    assertThat(failure.exitCode()).isEqualTo(ExitCode.SERVER);
  }

  @Test
  void unexpectedFailurePointsAtVerbose() {
    // Given / When
    CliFailure failure = Failures.explain(new IllegalStateException("boom"), null);
    // Then
    assertThat(failure.getMessage()).isEqualTo(
        "unexpected IllegalStateException: boom (run with --verbose for the stack trace)");
    assertThat(failure.exitCode()).isEqualTo(ExitCode.FAILED);
  }
}
