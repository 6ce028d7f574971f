package dev.vtstatus.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.client.CallTimeoutException;
import dev.vtstatus.client.InvalidResponseException;
import dev.vtstatus.client.ProtocolMode;
import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.testing.RawHttpServer;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real sockets: a server that never answers and one that never stops answering. */
class HostileServerTest {
  private static final Duration CALL_TIMEOUT = Duration.ofMillis(800);
  private static final Duration SLACK = Duration.ofSeconds(2);
  private static final int LIMIT = 64 * 1024;

  private static VideoTranslationClient client(RawHttpServer server) {
    return VideoTranslationClient.builder()
        .baseUrl(server.url().toString())
        .protocol(ProtocolMode.V1)
        .callTimeout(CALL_TIMEOUT)
        .maxAnswerSize(LIMIT)
        .build();
  }

  @ParameterizedTest
  @EnumSource(WaitMode.class)
  void aServerThatAcceptsAndNeverAnswersFailsTheReadWithinTheCallTimeout(WaitMode mode) {
    try (RawHttpServer silent = RawHttpServer.silent(); VideoTranslationClient client = client(silent)) {
      // When
      long start = System.nanoTime();
      Throwable thrown = catchThrowable(() -> mode.read(client, "3f6c9a0e-5b7d-4c1e-9f00-1d2e3f4a5b6c"));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      // Then
      assertThat(thrown).isInstanceOfSatisfying(CallTimeoutException.class,
          e -> assertThat(e.getCause()).isInstanceOf(HttpTimeoutException.class));
      assertThat(took).isBetween(CALL_TIMEOUT.minusMillis(50), CALL_TIMEOUT.plus(SLACK));
      assertThat(silent.accepted()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(WaitMode.class)
  void anEndlessBodyIsReadOnlyUpToTheLimitAndFailsNamingIt(WaitMode mode) {
    try (RawHttpServer endless = RawHttpServer.endlessBody(); VideoTranslationClient client = client(endless)) {
      // When
      Throwable thrown = catchThrowable(() -> mode.read(client, "3f6c9a0e-5b7d-4c1e-9f00-1d2e3f4a5b6c"));

      // Then: the client stopped reading at the limit, so the server's writes stop too (after
      // what the sockets' buffers hold, a few MiB at most), long before the body's bound
      assertThat(thrown).isInstanceOf(InvalidResponseException.class)
          .hasMessageContaining(LIMIT + " bytes")
          .hasMessageContaining("maxAnswerSize");
      await().atMost(Duration.ofSeconds(10)).until(endless::bodyStopped);
      assertThat(endless.bodyBytesWritten()).isLessThan(64L << 20);
      assertThat(endless.accepted()).as("not retried").isEqualTo(1);
    }
  }
}
