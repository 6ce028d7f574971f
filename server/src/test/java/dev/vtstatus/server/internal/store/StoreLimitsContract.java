package dev.vtstatus.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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

  /** Creates a job of {@code owner} (null for none) costing about 10 kB, with idempotency key {@code key} or none. */
  protected static JobRepository.Created create(Store store, String owner, String key, long durationMillis)
      throws Exception {
    return result(store.jobs().create(owner, key, body("fr"), owned(owner, key, durationMillis, JobStatus.COMPLETED, SIZE),
        j -> "{}"));
  }

  @Test
  void idempotencyKeysAreScopedByOwner() throws Exception {
    // Given
    Store store = store(10, 100);
    JobRecord ofA = create(store, "a", "k", 1000).job();

    // When
    JobRepository.Created ofB = result(store.jobs().create("b", "k", body("es"),
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
    await().atMost(BOUND).until(() -> !seen.isEmpty());
    assertThat(seen).extracting(EventLog.Event::owner).containsExactly("a");
    assertThat(result(store.events().after(0)).events())
        .filteredOn(event -> event.jobId().equals(job.id()))
        .extracting(EventLog.Event::owner).containsExactly("a");
  }

  @Test
  void theKeptEventsTakeAtMostAQuarterOfTheBudgetTheNewestKept() throws Exception {
    // Given a budget of 40 kB, so 10 kB of events, and events of about 2 kB each
    Store store = store(new StoreLimits(1000, 100, 1000, 40_000));
    String data = "{\"blob\":\"" + "e".repeat(1000) + "\"}";
    List<String> ids = new java.util.ArrayList<>();

    // When
    for (int i = 0; i < 8; i++) {
      ids.add(result(store.jobs().create(null, null, body("fr"), owned(null, null, 100_000, JobStatus.COMPLETED,
          JobRecord.BASE_SIZE), j -> data)).job().id());
    }

    // Then only the newest events that fit are kept, and a replay from the first is too old
    EventLog.Replay all = result(store.events().after(0));
    assertThat(all.tooOld()).isTrue();
    EventLog.Replay kept = result(store.events().after(all.oldestId() - 1));
    assertThat(kept.events()).extracting(EventLog.Event::jobId).isEqualTo(ids.subList(4, 8));
    assertThat(kept.events().stream().mapToLong(EventLog.Event::sizeBytes).sum()).isLessThanOrEqualTo(10_000);
  }

  @Test
  void forgettingEveryJobGivesBackTheirBytesAndShares() throws Exception {
    // Given three pending jobs taking the budget, one owner at its share
    Store store = store(new StoreLimits(10, 100, 1, 4 * SIZE));
    create(store, "a", "k", 100_000);
    create(store, "b", null, 100_000);
    create(store, "c", null, 100_000);
    assertThatThrownBy(() -> create(store, "a", null, 100_000)).isInstanceOf(PendingShareException.class);
    assertThatThrownBy(() -> create(store, "d", null, 100_000)).isInstanceOf(StoreFullException.class);

    // When
    result(store.jobs().forgetClientJobs());

    // Then the same jobs fit again, and the idempotency key is free
    assertThat(create(store, "a", "k", 100_000).created()).isTrue();
    assertThat(create(store, "b", null, 100_000).created()).isTrue();
    assertThat(create(store, "c", null, 100_000).created()).isTrue();
  }

  @Test
  void anEvictedJobGivesBackItsBytesAndItsIdempotencyKey() throws Exception {
    // Given room for three jobs, one of them ended and keyed
    Store store = store(new StoreLimits(1000, 100, 1000, 4 * SIZE));
    JobRecord ended = create(store, "a", "k", 10).job();
    decide(store, ended.id(), Transition.plannedEnd());
    create(store, "a", null, 100_000);
    create(store, "a", null, 100_000);

    // When two more come, the first evicting the ended job
    JobRepository.Created evicting = create(store, "a", null, 100_000);

    // Then the key is free again: a repeat of its create finds no job, and is refused only for room
    assertThat(evicting.evicted()).extracting(JobRepository.Evicted::id).containsExactly(ended.id());
    assertThatThrownBy(() -> create(store, "a", "k", 100_000)).isInstanceOf(StoreFullException.class);
    assertThat(result(store.jobs().newest(null, CREATED, 10))).extracting(JobRecord::id).doesNotContain(ended.id());
  }
}
