package dev.vtstatus.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.client.fakes.RecordingListener;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server offers events, but a gateway in between refuses the stream: the client must fall back
 * to another way of waiting and still give every job its true outcome, once.
 */
class EventsFallbackTest {
  @RegisterExtension static final JobServerExtension SERVER = JobServerExtension.with(c -> c);

  private static final List<Simulation> JOBS =
      List.of(
          new Simulation(Duration.ofMillis(100), JobStatus.COMPLETED),
          new Simulation(Duration.ofMillis(250), JobStatus.ERROR),
          new Simulation(Duration.ofMillis(400), JobStatus.COMPLETED));

  /** Each refusal with each strategy that uses events, alternating the two ways of waiting. */
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(404, "auto", WaitStrategy.auto(), WaitMode.SYNC),
        Arguments.of(404, "events", WaitStrategy.events(), WaitMode.ASYNC),
        Arguments.of(503, "auto", WaitStrategy.auto(), WaitMode.ASYNC),
        Arguments.of(503, "events", WaitStrategy.events(), WaitMode.SYNC));
  }

  @ParameterizedTest(name = "stream answers {0}, {1} {3}")
  @MethodSource("failures")
  void fallsBackWhenTheStreamIsRefusedWithoutLosingOrRepeatingAJob(
      int streamStatus, String name, WaitStrategy strategy, WaitMode mode) throws Exception {
    // Given
    EventsBlockingProxy proxy =
        SERVER.closeAfterTest(EventsBlockingProxy.start(SERVER.url(), streamStatus));
    RecordingListener listener = new RecordingListener();
    VideoTranslationClient client =
        SERVER.client(
            b ->
                b.baseUrl(proxy.url())
                    .waitStrategy(strategy)
                    .timeout(Duration.ofSeconds(6))
                    .addListener(listener));
    Map<String, JobStatus> truth = new LinkedHashMap<>();
    for (Simulation simulation : JOBS) {
      truth.put(
          client.createJob(JobRequest.builder().simulate(simulation).build()).jobId(),
          simulation.outcome());
    }
    List<String> ids = new ArrayList<>(truth.keySet());

    // When
    Map<String, Job> results = mode.waitForEach(client, ids);

    // Then
    for (String id : ids) {
      assertThat(results.get(id).status()).as("outcome of %s", id).isEqualTo(truth.get(id));
    }
    assertThat(listener.finishedCounts()).isEqualTo(RecordingListener.onceEach(ids));
    assertThat(proxy.blockedStreams()).as("event-stream attempts").isPositive();
    assertThat(client.strategyName()).isNotEqualTo("events");
    assertThat(listener.channelChanges())
        .anySatisfy(change -> assertThat(change).startsWith("events->"));
  }
}
