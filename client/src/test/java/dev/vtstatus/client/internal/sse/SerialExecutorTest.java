package dev.vtstatus.client.internal.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void runsTasksInSubmissionOrderOnAPoolOfThreads() {
    // Given
    SerialExecutor serial = new SerialExecutor(pool);
    List<Integer> ran = new CopyOnWriteArrayList<>();

    // When
    for (int i = 0; i < 2_000; i++) {
      int n = i;
      serial.execute(() -> ran.add(n));
    }

    // Then
    await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 2_000);
    assertThat(ran).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void neverRunsTwoTasksAtOnceWhenManyThreadsSubmit() {
    // Given
    SerialExecutor serial = new SerialExecutor(pool);
    AtomicBoolean running = new AtomicBoolean();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();

    // When
    IntStream.range(0, 2_000)
        .parallel()
        .forEach(
            i ->
                serial.execute(
                    () -> {
                      if (!running.compareAndSet(false, true)) {
                        overlaps.incrementAndGet();
                      }
                      Thread.onSpinWait();
                      running.set(false);
                      done.incrementAndGet();
                    }));

    // Then
    await().atMost(Duration.ofSeconds(5)).until(() -> done.get() == 2_000);
    assertThat(overlaps).hasValue(0);
  }

  @Test
  void keepsRunningAfterATaskThrows() {
    // Given
    SerialExecutor serial = new SerialExecutor(pool);
    List<String> ran = new CopyOnWriteArrayList<>();

    // When
    serial.execute(() -> ran.add("first"));
    serial.execute(
        () -> {
          throw new IllegalStateException("listener bug");
        });
    serial.execute(() -> ran.add("third"));

    // Then
    await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 2);
    assertThat(ran).containsExactly("first", "third");
  }

  @Test
  void dropsTasksQuietlyOnceTheDelegateIsShutDown() {
    // Given
    SerialExecutor serial = new SerialExecutor(pool);
    pool.shutdown();
    List<String> ran = new CopyOnWriteArrayList<>();

    // When
    serial.execute(() -> ran.add("late"));

    // Then
    assertThat(ran).isEmpty();
  }
}
