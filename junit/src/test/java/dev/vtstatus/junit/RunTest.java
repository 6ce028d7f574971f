package dev.vtstatus.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.ClientClosedException;
import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link VtStatusServer#run}: a server of its own settings for one test body, always stopped. */
class RunTest {
  private static boolean listening(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      return true;
    } catch (ConnectException refused) {
      return false;
    }
  }

  @Test
  void theBodyGetsAServerWithItsSettingsOnLoopbackAndAFreePort() throws Exception {
    // Given settings with a fixed port, a wildcard host and an API key but no admin key
    AtomicReference<VtStatusServer> seen = new AtomicReference<>();
    AtomicReference<Job> ended = new AtomicReference<>();

    // When
    VtStatusServer.run(c -> c.port(5000).host("0.0.0.0").minDelay(Duration.ofHours(1))
        .maxDelay(Duration.ofHours(1)).apiKeys(Set.of("job-key")), server -> {
      seen.set(server);
      Job job = server.client().createJob();
      server.completeNow(job.jobId());
      ended.set(server.client().waitForResult(job.jobId()));
    });

    // Then the jobs took an hour, so only the forced end (through a drawn admin key) ended it, and
    // the server listened on loopback on a port of its own
    assertThat(ended.get().status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(seen.get().baseUrl().getHost()).isEqualTo("127.0.0.1");
    assertThat(seen.get().port()).isNotEqualTo(5000).isPositive();
  }

  @Test
  void theServerAndTheBodysClientsStopWhenTheBodyReturns() throws Exception {
    // Given
    AtomicReference<VtStatusServer> seen = new AtomicReference<>();
    AtomicReference<VideoTranslationClient> opened = new AtomicReference<>();

    // When
    VtStatusServer.run(c -> c, server -> {
      seen.set(server);
      opened.set(server.newClient(b -> b.timeout(Duration.ofSeconds(5))));
    });

    // Then
    assertThat(listening(seen.get().port())).isFalse();
    assertThatThrownBy(() -> opened.get().createJob()).isInstanceOf(ClientClosedException.class);
  }

  @Test
  void theServerStopsWhenTheBodyThrowsAndTheFailureComesThrough() throws Exception {
    // Given
    AtomicReference<VtStatusServer> seen = new AtomicReference<>();
    IllegalStateException thrown = new IllegalStateException("the body failed");

    // When / Then
    assertThatThrownBy(() -> VtStatusServer.run(c -> c, server -> {
      seen.set(server);
      throw thrown;
    })).isSameAs(thrown);
    assertThat(listening(seen.get().port())).isFalse();
  }

  @Test
  void settingsThatDoNotFitTogetherFailBeforeAnyServerStarts() {
    assertThatThrownBy(() -> VtStatusServer.run(
        c -> c.minDelay(Duration.ofSeconds(2)).maxDelay(Duration.ofSeconds(1)), server -> {
          throw new AssertionError("no server should start");
        }))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
