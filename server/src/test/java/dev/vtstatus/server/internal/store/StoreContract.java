package dev.vtstatus.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vtstatus.protocol.JobStatus;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} promises, whatever it keeps its state in; each store's test extends
 * this with a way to make a fresh, empty store.
 */
public abstract class StoreContract {
  static final Instant CREATED = Instant.parse("2026-11-23T10:00:00.000Z");
  static final Duration BOUND = Duration.ofSeconds(5);
  static final Instant LEASE_END = CREATED.plusSeconds(15);

  private final List<Store> opened = new ArrayList<>();

  /** Returns a new, empty store within {@code limits}. */
  protected abstract Store newStore(StoreLimits limits);

  /** Returns a new store with only count limits, closed after the test. */
  Store store(int maxJobs, int events) {
    return store(StoreLimits.counts(maxJobs, events));
  }

  /** Returns a new store within {@code limits}, closed after the test. */
  protected Store store(StoreLimits limits) {
    Store store = newStore(limits);
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeStores() throws Exception {
    for (Store store : opened) {
      result(store.close());
    }
  }

  /** Waits a bounded time for {@code future}, throwing its failure. */
  protected static <T> T result(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  static LongFunction<JobRecord> job(long durationMillis, JobStatus outcome) {
    return keyed(null, durationMillis, outcome);
  }

  static LongFunction<JobRecord> keyed(String key, long durationMillis, JobStatus outcome) {
    return owned(null, key, durationMillis, outcome, JobRecord.BASE_SIZE);
  }

  /** Returns a job of {@code owner} with idempotency key {@code key}, costing {@code size} bytes. */
  static LongFunction<JobRecord> owned(String owner, String key, long durationMillis, JobStatus outcome, int size) {
    return seq -> new JobRecord(UUID.randomUUID().toString(), seq, CREATED, CREATED.plusMillis(durationMillis),
        outcome, new CreateRequest("en", "fr", null, null, null, null, null, null),
        "0af7651916cd43dd8448eb211c80319c", key, owner, size, null);
  }

  static JobRepository.Created create(Store store, LongFunction<JobRecord> job) throws Exception {
    return result(store.jobs().create(null, null, body("fr"), job, created -> "{\"created\":\"" + created.id() + "\"}"));
  }

  /** Proposes {@code transition} for the job {@code id}, with a small terminal event. */
  protected static JobRepository.Decided decide(Store store, String id, Transition transition) throws Exception {
    return result(store.jobs().decide(id, transition,
        job -> "{\"ended\":\"" + job.outcome().status().wireName() + "\"}", LEASE_END));
  }

  /** Creates a job of 1 s that will complete, with a webhook to {@code target} (checked as 127.0.0.1). */
  static JobRecord createWithWebhook(Store store, URI target) throws Exception {
    return result(store.jobs().create(null, null, body("fr"), seq -> new JobRecord(UUID.randomUUID().toString(),
        seq, CREATED, CREATED.plusMillis(1000), JobStatus.COMPLETED,
        new CreateRequest(null, "fr", null, target, "127.0.0.1", null, null, null), "0af7651916cd43dd8448eb211c80319c",
        null, null, JobRecord.BASE_SIZE, null), j -> "{}")).job();
  }

  static JsonNode body(String language) {
    return JsonNodeFactory.instance.objectNode().put("target_language", language);
  }

  @Test
  void createdJobReadsBackAsStored() throws Exception {
    // Given
    Store store = store(10, 100);

    // When
    JobRecord created = create(store, job(1000, JobStatus.ERROR)).job();
    JobRecord read = result(store.jobs().get(created.id()));

    // Then
    assertThat(read).isEqualTo(created);
    assertThat(result(store.jobs().get(UUID.randomUUID().toString()))).isNull();
    assertThat(result(store.jobs().getAll(List.of(created.id(), "nope", created.id()))))
        .containsExactly(created, null, created);
  }

  @Test
  void creationSequenceNumbersFollowCreationOrderAndIdempotentRepeatsTakeNone() throws Exception {
    // Given
    Store store = store(10, 100);

    // When
    long first = result(store.jobs().create(null, "k", body("fr"), keyed("k", 1000, JobStatus.COMPLETED), j -> "{}")).job().sequence();
    long repeat = result(store.jobs().create(null, "k", body("fr"), keyed("k", 1000, JobStatus.COMPLETED), j -> "{}")).job().sequence();
    long second = create(store, job(1000, JobStatus.COMPLETED)).job().sequence();

    // Then
    assertThat(repeat).isEqualTo(first);
    assertThat(second).isEqualTo(first + 1);
  }

  @Test
  void idempotencyKeyGivesTheFirstJobForAnEqualBodyAndAConflictForAnother() throws Exception {
    // Given
    Store store = store(10, 100);
    JobRepository.Created first = result(store.jobs().create(null, "k-1", body("fr"), keyed("k-1", 1000, JobStatus.COMPLETED), j -> "{}"));

    // When
    JobRepository.Created repeat = result(store.jobs().create(null, "k-1", body("fr"), keyed("k-1", 1000, JobStatus.COMPLETED), j -> "{}"));

    // Then
    assertThat(first.created()).isTrue();
    assertThat(repeat.created()).isFalse();
    assertThat(repeat.job().id()).isEqualTo(first.job().id());
    assertThatThrownBy(() -> result(store.jobs().create(null, "k-1", body("de"), keyed("k-1", 1000, JobStatus.COMPLETED), j -> "{}")))
        .isInstanceOfSatisfying(IdempotencyConflictException.class,
            e -> assertThat(e.existingId).isEqualTo(first.job().id()));
  }

  @Test
  void cancelBeforeThePlannedEndWinsAndThePlannedEndThenLoses() throws Exception {
    // Given
    Store store = store(10, 100);
    String id = create(store, job(1000, JobStatus.COMPLETED)).job().id();

    // When
    JobRepository.Decided cancel = decide(store, id, Transition.cancel(CREATED.plusMillis(400)));
    JobRepository.Decided planned = decide(store, id, Transition.plannedEnd());

    // Then
    assertThat(cancel.won()).isTrue();
    assertThat(planned.won()).isFalse();
    assertThat(planned.job().status(CREATED.plusSeconds(5))).isEqualTo(JobStatus.CANCELED);
    assertThat(result(store.jobs().get(id)).completedAt(CREATED.plusSeconds(5))).isEqualTo(CREATED.plusMillis(400));
  }

  @Test
  void aCancelWithAnEarlierClockReadingLosesOnceThePlannedEndWasDecided() throws Exception {
    // Given
    Store store = store(10, 100);
    String id = create(store, job(1000, JobStatus.COMPLETED)).job().id();
    decide(store, id, Transition.plannedEnd());

    // When
    JobRepository.Decided stale = decide(store, id, Transition.cancel(CREATED.plusMillis(999)));

    // Then
    assertThat(stale.won()).isFalse();
    assertThat(stale.job().status(CREATED.plusMillis(999))).isEqualTo(JobStatus.COMPLETED);
  }

  @Test
  void aForcedEndIsAThirdContenderDecidedOnce() throws Exception {
    // Given
    Store store = store(10, 100);
    String id = create(store, job(1000, JobStatus.COMPLETED)).job().id();

    // When
    JobRepository.Decided forced = decide(store, id,
        Transition.forced(JobStatus.ERROR, CREATED.plusMillis(300), "quota_exceeded", "no minutes left"));
    JobRepository.Decided cancel = decide(store, id, Transition.cancel(CREATED.plusMillis(400)));
    JobRepository.Decided planned = decide(store, id, Transition.plannedEnd());

    // Then
    assertThat(forced.won()).isTrue();
    assertThat(cancel.won()).isFalse();
    assertThat(planned.won()).isFalse();
    Outcome outcome = result(store.jobs().get(id)).outcome();
    assertThat(outcome.status()).isEqualTo(JobStatus.ERROR);
    assertThat(outcome.errorCode()).isEqualTo("quota_exceeded");
    assertThat(outcome.errorMessage()).isEqualTo("no minutes left");
    assertThat(outcome.at()).isEqualTo(CREATED.plusMillis(300));
  }

  @Test
  void concurrentProposalsHaveExactlyOneWinnerAndOneTerminalEvent() throws Exception {
    // Given
    Store store = store(10, 100);
    List<EventLog.Event> seen = new CopyOnWriteArrayList<>();
    store.events().subscribe(seen::add);
    String id = create(store, job(1000, JobStatus.COMPLETED)).job().id();

    // When
    List<Future<JobRepository.Decided>> proposals = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      proposals.add(store.jobs().decide(id, Transition.plannedEnd(), j -> "{}", LEASE_END));
      proposals.add(store.jobs().decide(id, Transition.cancel(CREATED.plusMillis(10 + i)), j -> "{}", LEASE_END));
    }
    result(Future.join(proposals));

    // Then
    assertThat(proposals.stream().filter(p -> p.result().won())).hasSize(1);
    await().atMost(BOUND).until(() -> seen.size() == 2);
    assertThat(seen.stream().filter(EventLog.Event::terminal)).hasSize(1);
  }

  @Test
  void decideOfAnUnknownJobLosesWithNoJob() throws Exception {
    // Given
    Store store = store(10, 100);

    // When
    JobRepository.Decided decided = decide(store, UUID.randomUUID().toString(), Transition.plannedEnd());

    // Then
    assertThat(decided.won()).isFalse();
    assertThat(decided.job()).isNull();
  }

  @Test
  void theCapEvictsTheJobThatEndedFirstAndIsFullWhenNoneEnded() throws Exception {
    // Given
    Store store = store(2, 100);
    JobRecord a = create(store, job(1000, JobStatus.COMPLETED)).job();
    JobRecord b = create(store, job(1000, JobStatus.COMPLETED)).job();
    decide(store, b.id(), Transition.cancel(CREATED.plusMillis(1)));
    decide(store, a.id(), Transition.cancel(CREATED.plusMillis(2)));

    // When
    JobRepository.Created c = create(store, job(1000, JobStatus.COMPLETED));
    create(store, job(1000, JobStatus.COMPLETED));

    // Then
    assertThat(c.evicted()).extracting(JobRepository.Evicted::id).containsExactly(b.id());
    assertThat(result(store.jobs().get(b.id()))).isNull();
    assertThat(result(store.jobs().get(a.id()))).isNull();
    assertThatThrownBy(() -> create(store, job(1000, JobStatus.COMPLETED))).isInstanceOf(StoreFullException.class);
  }

  @Test
  void anEvictedJobsIdempotencyKeyMakesANewJob() throws Exception {
    // Given
    Store store = store(1, 100);
    JobRecord first = result(store.jobs().create(null, "k", body("fr"), keyed("k", 1000, JobStatus.COMPLETED), j -> "{}")).job();
    decide(store, first.id(), Transition.plannedEnd());
    JobRecord second = create(store, job(1000, JobStatus.COMPLETED)).job();
    decide(store, second.id(), Transition.plannedEnd());

    // When
    JobRepository.Created again = result(store.jobs().create(null, "k", body("de"), keyed("k", 1000, JobStatus.COMPLETED), j -> "{}"));

    // Then
    assertThat(again.created()).isTrue();
    assertThat(again.job().id()).isNotEqualTo(first.id());
  }

  @Test
  void theDefaultJobIsMadeOnceAndDoesNotCountAgainstTheCap() throws Exception {
    // Given
    Store store = store(1, 100);

    // When
    JobRecord first = result(store.jobs().defaultJob(job(1000, JobStatus.COMPLETED)));
    JobRecord again = result(store.jobs().defaultJob(job(5000, JobStatus.ERROR)));
    create(store, job(1000, JobStatus.COMPLETED));

    // Then
    assertThat(again).isEqualTo(first);
    assertThat(result(store.jobs().get(first.id()))).isEqualTo(first);
  }

  @Test
  void eventsAreNumberedInOrderAndReplayedAfterAnId() throws Exception {
    // Given
    Store store = store(10, 100);
    List<EventLog.Event> live = new CopyOnWriteArrayList<>();
    store.events().subscribe(live::add);
    JobRecord a = create(store, job(1000, JobStatus.COMPLETED)).job();
    JobRecord b = create(store, job(1000, JobStatus.COMPLETED)).job();
    decide(store, a.id(), Transition.cancel(CREATED.plusMillis(5)));

    // When
    await().atMost(BOUND).until(() -> live.size() == 3);
    long firstId = live.get(0).id();
    EventLog.Replay replay = result(store.events().after(firstId));

    // Then
    assertThat(live).extracting(EventLog.Event::id).containsExactly(firstId, firstId + 1, firstId + 2);
    assertThat(live).extracting(EventLog.Event::jobId).containsExactly(a.id(), b.id(), a.id());
    assertThat(live).extracting(EventLog.Event::status)
        .containsExactly(JobStatus.PENDING, JobStatus.PENDING, JobStatus.CANCELED);
    assertThat(live.get(2).data()).isEqualTo("{\"ended\":\"canceled\"}");
    assertThat(live.get(2).traceId()).isEqualTo(a.traceId());
    assertThat(replay.tooOld()).isFalse();
    assertThat(replay.events()).isEqualTo(live.subList(1, 3));
    assertThat(replay.lastId()).isEqualTo(firstId + 2);
    assertThat(result(store.jobs().get(a.id())).outcome().eventId()).isEqualTo(firstId + 2);
  }

  @Test
  void replayIsTooOldPastTheKeptEventsForUnknownIdsAndForIdsFromTheFuture() throws Exception {
    // Given
    Store store = store(10, 2);
    for (int i = 0; i < 4; i++) {
      create(store, job(1000, JobStatus.COMPLETED));
    }
    long last = result(store.events().after(Long.MAX_VALUE)).lastId();

    // When
    EventLog.Replay kept = result(store.events().after(last - 2));
    EventLog.Replay lost = result(store.events().after(last - 3));

    // Then
    assertThat(kept.tooOld()).isFalse();
    assertThat(kept.events()).hasSize(2);
    assertThat(lost.tooOld()).isTrue();
    assertThat(lost.oldestId()).isEqualTo(last - 1);
    assertThat(result(store.events().after(-1)).tooOld()).isTrue();
    assertThat(result(store.events().after(last + 1)).tooOld()).isTrue();
    assertThat(result(store.events().after(last)).events()).isEmpty();
  }

  @Test
  void newestListsJobsByCreationNewestFirstFilteredByStatusAndLimited() throws Exception {
    // Given
    Store store = store(10, 100);
    JobRecord standing = result(store.jobs().defaultJob(job(60_000, JobStatus.COMPLETED)));
    JobRecord first = create(store, job(60_000, JobStatus.COMPLETED)).job();
    JobRecord second = create(store, job(60_000, JobStatus.COMPLETED)).job();
    JobRecord third = create(store, job(60_000, JobStatus.COMPLETED)).job();
    decide(store, second.id(), Transition.cancel(CREATED.plusSeconds(1)));

    // When
    List<JobRecord> all = result(store.jobs().newest(null, CREATED.plusSeconds(2), 10));
    List<JobRecord> pending = result(store.jobs().newest(JobStatus.PENDING, CREATED.plusSeconds(2), 2));

    // Then
    assertThat(all).extracting(JobRecord::id).containsExactly(third.id(), second.id(), first.id(), standing.id());
    assertThat(pending).extracting(JobRecord::id).containsExactly(third.id(), first.id());
  }

  @Test
  void forgettingClientJobsKeepsTheDefaultJobAndFreesTheirKeysAndTheCap() throws Exception {
    // Given a full store
    Store store = store(2, 100);
    JobRecord standing = result(store.jobs().defaultJob(job(60_000, JobStatus.COMPLETED)));
    JobRecord keyed = result(store.jobs().create(null, "k", body("fr"), keyed("k", 60_000, JobStatus.COMPLETED), j -> "{}")).job();
    JobRecord other = create(store, job(60_000, JobStatus.COMPLETED)).job();

    // When
    List<String> forgotten = result(store.jobs().forgetClientJobs());

    // Then
    assertThat(forgotten).containsExactlyInAnyOrder(keyed.id(), other.id());
    assertThat(result(store.jobs().get(keyed.id()))).isNull();
    assertThat(result(store.jobs().get(standing.id()))).isNotNull();
    JobRecord again = result(store.jobs().create(null, "k", body("de"), keyed("k", 60_000, JobStatus.COMPLETED), j -> "{}")).job();
    assertThat(again.id()).isNotEqualTo(keyed.id());
    assertThat(again.sequence()).isGreaterThan(other.sequence());
    assertThat(create(store, job(60_000, JobStatus.COMPLETED)).created()).isTrue();
  }

  @Test
  void dueListsUndecidedJobsPastTheirPlannedEndInOrder() throws Exception {
    // Given
    Store store = store(10, 100);
    JobRecord late = create(store, job(2000, JobStatus.COMPLETED)).job();
    JobRecord early = create(store, job(1000, JobStatus.COMPLETED)).job();
    JobRecord canceled = create(store, job(500, JobStatus.COMPLETED)).job();
    JobRecord future = create(store, job(9000, JobStatus.COMPLETED)).job();
    decide(store, canceled.id(), Transition.cancel(CREATED.plusMillis(100)));

    // When
    List<String> due = result(store.jobs().due(CREATED.plusMillis(2000), 10));

    // Then
    assertThat(due).containsExactly(early.id(), late.id());
    assertThat(result(store.jobs().due(CREATED.plusMillis(2000), 1))).containsExactly(early.id());
    assertThat(due).doesNotContain(future.id());
  }

  @Test
  void aWinningEndQueuesItsWebhookClaimedByTheWinnerUntilItsLeaseRunsOut() throws Exception {
    // Given
    Store store = store(10, 100);
    URI target = URI.create("http://127.0.0.1:9/hook");
    JobRecord job = createWithWebhook(store, target);
    decide(store, job.id(), Transition.plannedEnd());

    // When
    List<WebhookQueue.Delivery> whileLeased = result(store.webhooks().claimDue(LEASE_END.minusMillis(1), LEASE_END, 10));
    List<WebhookQueue.Delivery> afterLease = result(store.webhooks().claimDue(LEASE_END, LEASE_END.plusSeconds(15), 10));
    List<WebhookQueue.Delivery> claimedAgain = result(store.webhooks().claimDue(LEASE_END, LEASE_END.plusSeconds(15), 10));

    // Then
    assertThat(whileLeased).isEmpty();
    assertThat(afterLease).containsExactly(new WebhookQueue.Delivery(job.id(), job.traceId(), target,
        "127.0.0.1", "{\"ended\":\"completed\"}", 1));
    assertThat(claimedAgain).isEmpty();
  }

  @Test
  void aRetryIsDueAtItsTimeWithTheNextAttemptAndDoneForgetsIt() throws Exception {
    // Given
    Store store = store(10, 100);
    URI target = URI.create("http://127.0.0.1:9/hook");
    JobRecord job = createWithWebhook(store, target);
    decide(store, job.id(), Transition.cancel(CREATED));
    Instant retryAt = CREATED.plusSeconds(1);

    // When
    result(store.webhooks().retry(job.id(), 2, retryAt));
    List<WebhookQueue.Delivery> early = result(store.webhooks().claimDue(retryAt.minusMillis(1), LEASE_END, 10));
    List<WebhookQueue.Delivery> due = result(store.webhooks().claimDue(retryAt, LEASE_END, 10));
    result(store.webhooks().done(job.id()));

    // Then
    assertThat(early).isEmpty();
    assertThat(due).extracting(WebhookQueue.Delivery::attempt).containsExactly(2);
    assertThat(result(store.webhooks().claimDue(LEASE_END.plusSeconds(60), LEASE_END.plusSeconds(90), 10))).isEmpty();
  }
}
