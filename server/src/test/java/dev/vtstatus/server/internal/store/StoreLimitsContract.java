package dev.vtstatus.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.protocol.JobStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} promises about owners and bytes: idempotency keys scoped by owner, a
 * share of pending jobs per owner, a memory budget that evicts ended jobs first and then refuses,
 * and events that carry their job's owner.
 */
public abstract class StoreLimitsContract extends StoreContract {
  private static final int SIZE = 10_000;

  private static JobRepository.Created create(Store store, String owner, String key, long durationMillis)
      throws Exception {
    return result(store.jobs().create(key, body("fr"), owned(owner, key, durationMillis, JobStatus.COMPLETED, SIZE),
        j -> "{}"));
  }

  @Test
  void idempotencyKeysAreScopedByOwner() throws Exception {
    // Given
    Store store = store(10, 100);
    JobRecord ofA = create(store, "a", "k", 1000).job();

    // When
    JobRepository.Created ofB = result(store.jobs().create("k", body("es"),
        owned("b", "k", 1000, JobStatus.COMPLETED, SIZE), j -> "{}"));
    JobRepository.Created again = create(store, "a", "k", 1000);

    // Then
    assertThat(ofB.created()).isTrue();
    assertThat(ofB.job().id()).isNotEqualTo(ofA.id());
    assertThat(again.created()).isFalse();
    assertThat(again.job().id()).isEqualTo(ofA.id());
  }

  @Test
  void anOwnerHoldsAtMostItsShareOfPendingJobsAndGetsItBackAsTheyEnd() throws Exception {
    // Given
    Store store = store(new StoreLimits(10, 100, 2, Long.MAX_VALUE));
    JobRecord first = create(store, "a", null, 1000).job();
    create(store, "a", null, 1000);

    // When / Then
    assertThatThrownBy(() -> create(store, "a", null, 1000)).isInstanceOf(PendingShareException.class);
    assertThat(create(store, "b", null, 1000).created()).isTrue();
    decide(store, first.id(), Transition.cancel(CREATED.plusMillis(10)));
    assertThat(create(store, "a", null, 1000).created()).isTrue();
  }

  @Test
  void theMemoryBudgetEvictsEndedJobsFirstThenRefuses() throws Exception {
    // Given room for about three jobs besides the events
    Store store = store(new StoreLimits(1000, 100, 1000, 4 * SIZE));
    JobRecord ended = create(store, null, null, 10).job();
    decide(store, ended.id(), Transition.plannedEnd());
    create(store, null, null, 100_000);
    create(store, null, null, 100_000);

    // When
    JobRepository.Created more = create(store, null, null, 100_000);

    // Then the ended job made room, and with only pending jobs left a create is refused
    assertThat(more.evicted()).extracting(JobRepository.Evicted::id).containsExactly(ended.id());
    assertThat(result(store.jobs().get(ended.id()))).isNull();
    assertThatThrownBy(() -> create(store, null, null, 100_000))
        .isInstanceOf(StoreFullException.class).hasMessageContaining("memory budget");
  }

  @Test
  void eventsCarryTheirJobsOwner() throws Exception {
    // Given
    Store store = store(10, 100);
    List<EventLog.Event> seen = new CopyOnWriteArrayList<>();
    store.events().subscribe(seen::add);

    // When
    JobRecord job = create(store, "a", null, 1000).job();

    // Then
    assertThat(seen).extracting(EventLog.Event::owner).containsExactly("a");
    assertThat(result(store.events().after(0)).events()).extracting(EventLog.Event::jobId).contains(job.id());
  }
}
