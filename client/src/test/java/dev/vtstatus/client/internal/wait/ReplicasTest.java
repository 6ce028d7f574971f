package dev.vtstatus.client.internal.wait;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.ApiException;
import dev.vtstatus.client.fakes.RecordingListener;
import dev.vtstatus.protocol.Problem;
import dev.vtstatus.testing.FakeClock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReplicasTest {
  private static final URI A = URI.create("http://127.0.0.1:5001");
  private static final URI B = URI.create("http://127.0.0.1:5002");
  private static final URI C = URI.create("http://127.0.0.1:5003");

  private final FakeClock clock = new FakeClock();
  private final RecordingListener listener = new RecordingListener();
  /** Each probe the set sends, answered by the test. */
  private final List<Probe> probes = new ArrayList<>();
  private final Replicas replicas = new Replicas(List.of(A, B, C), clock, listener, base -> {
    Probe p = new Probe(base, new CompletableFuture<>());
    probes.add(p);
    return p.answer();
  });

  private record Probe(URI base, CompletableFuture<Boolean> answer) {}

  private List<Integer> picks(int n) {
    return IntStream.range(0, n).mapToObj(i -> replicas.pick().getPort()).toList();
  }

  private static Throwable refused() {
    return new ConnectException("Connection refused");
  }

  @Test
  void spreadsRequestsOverEveryReplicaInTurn() {
    // When
    List<Integer> ports = picks(6);

    // Then
    assertThat(ports).containsExactly(5001, 5002, 5003, 5001, 5002, 5003);
  }

  @Test
  void setsAsideAReplicaThatRefusesAConnectAtOnceAndReportsOneSwitch() {
    // Given
    picks(1);

    // When: three requests find B refusing at the same moment
    boolean first = replicas.failed(B, "j1", refused());
    boolean second = replicas.failed(B, "j2", refused());
    replicas.failed(B, "j3", refused());

    // Then: B gets nothing more; one switch
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(picks(4)).containsExactly(5003, 5001, 5003, 5001);
    assertThat(listener.events("switched")).containsExactly("switched j1 5002->5003");
  }

  @Test
  void setsAsideAReachableReplicaOnlyAfterTwoFailuresInARow() {
    IOException reset = new IOException("Connection reset");
    ApiException badGateway = new ApiException(502, new Problem("about:blank", "Bad Gateway", 502, "bad gateway"));

    // When: a reset, an answer, a reset: not in a row
    replicas.failed(A, null, reset);
    replicas.answered(A);
    boolean afterAnswer = replicas.failed(A, null, reset);
    boolean inARow = replicas.failed(A, null, badGateway);

    // Then
    assertThat(afterAnswer).isFalse();
    assertThat(inARow).isTrue();
    assertThat(picks(2)).containsExactly(5002, 5003);
  }

  @Test
  void aFailureOfTheRequestItselfKeepsTheReplicaInService() {
    ApiException bug = new ApiException(500, new Problem("about:blank", "Internal Server Error", 500, "bug"));

    // When
    IntStream.range(0, 5).forEach(i -> replicas.failed(A, null, bug));

    // Then
    assertThat(picks(3)).containsExactly(5001, 5002, 5003);
    assertThat(listener.events("switched")).isEmpty();
  }

  @Test
  void probesAReplicaOnceItsBackoffIsOverAndTakesItBackWhenItAnswers() {
    // Given: A set aside
    replicas.failed(A, null, refused());

    // When: before the backoff ends, no probe; after it, one probe, however many picks
    clock.advance(Replicas.FIRST_BACKOFF.minusMillis(1));
    picks(3);
    int probesBefore = probes.size();
    clock.advance(Duration.ofMillis(1));
    List<Integer> whileProbing = picks(3);

    // Then: A is probed once, gets no request until it answers, then takes its turn again
    assertThat(probesBefore).isZero();
    assertThat(probes).extracting(Probe::base).containsExactly(A);
    assertThat(whileProbing).doesNotContain(5001);
    probes.get(0).answer().complete(true);
    assertThat(picks(3)).containsExactlyInAnyOrder(5001, 5002, 5003);
    assertThat(listener.events("recovered")).containsExactly("recovered 5001");
  }

  @Test
  void aReplicaStillDownIsProbedAgainAfterADoubledBackoff() {
    // Given: A set aside, its first probe fails
    replicas.failed(A, null, refused());
    clock.advance(Replicas.FIRST_BACKOFF);
    picks(1);
    probes.get(0).answer().complete(false);

    // When
    clock.advance(Replicas.FIRST_BACKOFF.multipliedBy(2).minusMillis(1));
    picks(3);
    int probesBefore = probes.size();
    clock.advance(Duration.ofMillis(1));
    picks(1);

    // Then
    assertThat(probesBefore).isEqualTo(1);
    assertThat(probes).hasSize(2);
    assertThat(listener.events("recovered")).isEmpty();
  }

  @Test
  void theBackoffStopsGrowingAtItsCap() {
    // Given: A failed its probes many times
    replicas.failed(A, null, refused());
    for (int i = 0; i < 8; i++) {
      clock.advance(Replicas.MAX_BACKOFF);
      picks(1);
      probes.get(probes.size() - 1).answer().complete(false);
    }
    int probesBefore = probes.size();

    // When
    clock.advance(Replicas.MAX_BACKOFF);
    picks(1);

    // Then: one more probe after the cap, not later
    assertThat(probes).hasSize(probesBefore + 1);
  }

  @Test
  void withEveryReplicaSetAsideRequestsGoToTheOneBackSoonestAndAnAnswerTakesItBack() {
    // Given
    replicas.failed(B, null, refused());
    clock.advance(Duration.ofMillis(100));
    replicas.failed(C, null, refused());
    clock.advance(Duration.ofMillis(100));
    replicas.failed(A, null, refused());

    // When
    List<Integer> ports = picks(2);
    replicas.answered(B);

    // Then
    assertThat(ports).containsExactly(5002, 5002);
    assertThat(picks(2)).containsExactly(5002, 5002);
    assertThat(listener.events("recovered")).containsExactly("recovered 5002");
  }

  @Test
  void aLongLivedRequestStaysOnItsReplicaWhileItIsInService() {
    // When / Then
    assertThat(replicas.stay(B)).isEqualTo(B);
    assertThat(replicas.other(B)).isEqualTo(C);
    replicas.gone(B, refused());
    assertThat(replicas.stay(B)).isNotEqualTo(B);
    assertThat(listener.events("switched")).containsExactly("switched null 5002->5003");
  }

  @Test
  void aReplicaWhoseStreamWasCutIsProbedAtOnceAndSetAsideOnlyIfItDoesNotAnswer() {
    IOException cut = new IOException("Connection reset");

    // When: B's stream is cut twice while its probe is out, and it does not answer; C's is cut and it answers
    replicas.check(B, cut);
    replicas.check(B, cut);
    replicas.check(C, cut);
    probes.get(0).answer().complete(false);
    probes.get(1).answer().complete(true);

    // Then: one probe each; only B is set aside
    assertThat(probes).extracting(Probe::base).containsExactly(B, C);
    assertThat(picks(3)).containsExactly(5001, 5003, 5001);
    assertThat(listener.events("switched")).containsExactly("switched null 5002->5003");
  }

  @Test
  void oneReplicaIsNeverSetAside() {
    Replicas one = new Replicas(List.of(A), clock, listener, base -> CompletableFuture.completedFuture(true));

    // When
    boolean aside = one.failed(A, null, refused());
    one.gone(A, refused());

    // Then
    assertThat(aside).isFalse();
    assertThat(one.pick()).isEqualTo(A);
    assertThat(one.stay(A)).isEqualTo(A);
    assertThat(listener.events("switched")).isEmpty();
  }
}
