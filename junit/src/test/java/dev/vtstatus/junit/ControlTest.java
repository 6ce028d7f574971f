package dev.vtstatus.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.protocol.AdminStats;
import dev.vtstatus.protocol.Faults;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Faults, job lists and counters through the extension, with API keys configured. */
class ControlTest {
  @RegisterExtension
  static final VtStatusServerExtension SERVER = VtStatusServerExtension.builder()
      .configure(c -> c.minDelay(Duration.ofHours(1)).maxDelay(Duration.ofHours(1)).apiKeys(Set.of("job-key")))
      .build();

  private static int capabilitiesStatus(VtStatusServer server) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(server.baseUrl().resolve("/v1/capabilities"))
        .timeout(Duration.ofSeconds(5)).build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void faultsTurnOnAndOffWhileTheServerRuns(VtStatusServer server) throws Exception {
    // When
    Faults on = server.setFaults(Faults.NONE.withFaultRate(1.0));
    int whileOn = capabilitiesStatus(server);
    Faults off = server.clearFaults();
    int whileOff = capabilitiesStatus(server);

    // Then
    assertThat(on.faultRate()).isEqualTo(1.0);
    assertThat(whileOn).isEqualTo(503);
    assertThat(off).isEqualTo(Faults.NONE);
    assertThat(whileOff).isEqualTo(200);
  }

  @Test
  void theServerTellsWhatHappenedInTheTest(VtStatusServer server) {
    // Given: the client sends the job key, the control the extension's own admin key
    Job first = server.client().createJob();
    Job second = server.client().createJob();
    server.completeNow(first.jobId());
    server.client().getStatus(second.jobId());

    // When
    AdminStats stats = server.stats();

    // Then
    assertThat(server.jobs()).extracting(Job::jobId).startsWith(second.jobId(), first.jobId());
    assertThat(stats.jobsCreated()).isEqualTo(2);
    assertThat(stats.jobsCompleted()).isEqualTo(1);
    assertThat(server.jobsCreated()).isEqualTo(2);
    assertThat(server.requestsServed()).isGreaterThanOrEqualTo(3);
    assertThat(server.admin().jobs(JobStatus.PENDING, 10)).extracting(Job::jobId).contains(second.jobId())
        .doesNotContain(first.jobId());
  }
}
