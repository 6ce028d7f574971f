package dev.vtstatus.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.fakes.RecordingListener;
import dev.vtstatus.client.internal.sse.EventStreamStatusException;
import dev.vtstatus.client.internal.wait.Replicas;
import dev.vtstatus.testing.FakeClock;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class StreamPlacementTest {
  private static final URI A = URI.create("http://127.0.0.1:5001");
  private static final URI B = URI.create("http://127.0.0.1:5002");
  private static final URI C = URI.create("http://127.0.0.1:5003");

  private final FakeClock clock = new FakeClock();
  private final RecordingListener listener = new RecordingListener();
  /** The health probes sent, by replica; the test answers them. */
  private final java.util.Map<URI, CompletableFuture<Boolean>> probes = new java.util.LinkedHashMap<>();
  private final Replicas replicas = new Replicas(List.of(A, B, C), clock, listener,
      base -> probes.computeIfAbsent(base, b -> new CompletableFuture<>()));
  private final StreamPlacement placement = new StreamPlacement(replicas, clock);

  @Test
  void staysOnItsReplicaWhileThatOneIsInService() {
    // Given
    URI first = placement.connectTo();
    replicas.pick();
    replicas.pick();

    // When
    URI again = placement.connectTo();

    // Then
    assertThat(first).isEqualTo(A);
    assertThat(again).isEqualTo(A);
  }

  @Test
  void aStreamLostOnItsReplicaReconnectsToTheNextOneAtOnceWithoutSettingItAside() {
    // Given: the stream is open on A
    placement.connectTo();
    placement.opened();

    // When: the stream is cut (the replica died, or ended it)
    boolean atOnce = placement.movesOn(new EOFException("the server ended the stream"));

    // Then: the next connect goes to B now; A is probed, and takes requests while it answers
    assertThat(atOnce).isTrue();
    assertThat(placement.connectTo()).isEqualTo(B);
    assertThat(probes).containsOnlyKeys(A);
    probes.get(A).complete(true);
    assertThat(List.of(replicas.pick(), replicas.pick(), replicas.pick())).contains(A);
    assertThat(listener.events("switched")).isEmpty();
  }

  @Test
  void aReplicaThatDiedWithTheStreamIsSetAsideOnceItsProbeFails() {
    // Given: the stream is open on A
    placement.connectTo();

    // When: it is cut, and A does not answer its probe
    placement.movesOn(new IOException("Connection reset"));
    probes.get(A).complete(false);

    // Then: one switch, and no request goes to A
    assertThat(listener.events("switched")).containsExactly("switched null 5001->5002");
    assertThat(List.of(replicas.pick(), replicas.pick(), replicas.pick())).doesNotContain(A);
  }

  @Test
  void aStreamLostAgainSoonAfterAMoveTakesTheBackoff() {
    // Given: a lost stream moved from A to B
    placement.connectTo();
    placement.movesOn(new IOException("Connection reset"));
    placement.connectTo();

    // When: lost again on B just before the spacing ends, then again once it has
    clock.advance(StreamPlacement.FAST_MOVE_SPACING.minusMillis(1));
    boolean tooSoon = placement.movesOn(new IOException("Connection reset"));
    URI afterTooSoon = placement.connectTo();
    clock.advance(Duration.ofMillis(1));
    boolean later = placement.movesOn(new IOException("Connection reset"));

    // Then
    assertThat(tooSoon).isFalse();
    assertThat(afterTooSoon).isEqualTo(B);
    assertThat(later).isTrue();
    assertThat(placement.connectTo()).isEqualTo(C);
  }

  @Test
  void aRefusedConnectSetsTheReplicaAsideForEveryRequestAndMovesAtOnceEachTime() {
    // Given
    placement.connectTo();

    // When: A refuses, then B refuses at once too
    boolean fromA = placement.movesOn(new ConnectException("Connection refused"));
    URI second = placement.connectTo();
    boolean fromB = placement.movesOn(new ConnectException("Connection refused"));

    // Then: both set aside, both moved without a backoff
    assertThat(fromA).isTrue();
    assertThat(second).isEqualTo(B);
    assertThat(fromB).isTrue();
    assertThat(placement.connectTo()).isEqualTo(C);
    assertThat(replicas.pick()).isEqualTo(C);
    assertThat(listener.events("switched")).containsExactly("switched null 5001->5002", "switched null 5002->5003");
  }

  @Test
  void aServerErrorAnswerKeepsTheStreamOnItsReplicaWithTheBackoff() {
    // Given
    placement.connectTo();

    // When
    boolean moved = placement.movesOn(new EventStreamStatusException(500, "bug", null));

    // Then
    assertThat(moved).isFalse();
    assertThat(placement.connectTo()).isEqualTo(A);
  }

  @Test
  void aGatewayErrorAnswerMovesTheStreamAtOnce() {
    // Given
    placement.connectTo();

    // When
    boolean moved = placement.movesOn(new EventStreamStatusException(503, "unavailable", Duration.ofSeconds(1)));

    // Then
    assertThat(moved).isTrue();
    assertThat(placement.connectTo()).isEqualTo(B);
  }

  @Test
  void withOneReplicaEveryReconnectTakesTheBackoff() {
    Replicas one = new Replicas(List.of(A), clock, listener, base -> new CompletableFuture<>());
    StreamPlacement alone = new StreamPlacement(one, clock);
    alone.connectTo();

    // When / Then
    assertThat(alone.movesOn(new EOFException())).isFalse();
    assertThat(alone.movesOn(new ConnectException("Connection refused"))).isFalse();
    assertThat(alone.connectTo()).isEqualTo(A);
  }
}
