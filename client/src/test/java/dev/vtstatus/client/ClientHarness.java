package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.fail;

import dev.vtstatus.testing.FakeClock;
import dev.vtstatus.client.fakes.FakeEventSources;
import dev.vtstatus.client.fakes.FakeJobServer;
import dev.vtstatus.client.fakes.FakeScheduler;
import dev.vtstatus.client.fakes.FakeTransport;
import dev.vtstatus.client.fakes.FakeTransport.Reply;
import dev.vtstatus.client.internal.http.HttpCall;
import dev.vtstatus.client.fakes.RecordingListener;
import dev.vtstatus.client.internal.ClientRuntime;
import dev.vtstatus.client.internal.wait.Backoff;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A client on a fake clock, fake scheduler, fake transport and fake event stream, and the means to
 * run one scenario through its synchronous or its asynchronous method.
 */
final class ClientHarness implements AutoCloseable {
  private static final long PARK_NANOS = Duration.ofMillis(1).toNanos();
  final FakeClock clock = new FakeClock();
  final FakeScheduler scheduler = new FakeScheduler(clock);
  final FakeJobServer server = new FakeJobServer(clock);
  /** What answers the transport: the fake server, unless a test puts another server in front. */
  private volatile Function<HttpCall, Reply> front = server;
  final FakeTransport transport = new FakeTransport(scheduler, call -> front.apply(call));
  final FakeEventSources events = new FakeEventSources();
  final RecordingListener listener = new RecordingListener();
  final VideoTranslationClient client;
  private final AtomicReference<CompletableFuture<?>> joined = new AtomicReference<>();
  /** The thread driving time in a sync call, woken when the caller is about to block or is done. */
  private volatile Thread driver;

  /** How a scenario calls the client. */
  enum Mode {
    SYNC,
    ASYNC
  }

  private ClientHarness(UnaryOperator<VideoTranslationClientBuilder> config, double jitter) {
    events.feedFrom(server, scheduler);
    VideoTranslationClientBuilder builder =
        VideoTranslationClient.builder()
            .baseUrl("http://127.0.0.1:5000")
            .clock(clock)
            .scheduler(scheduler)
            .addListener(listener);
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> jitter);
    client = new VideoTranslationClient(
        ClientRuntime.create(config.apply(builder).config(),
            new ClientRuntime.Seams(transport, events, backoff, this::joining)));
  }

  private void joining(CompletableFuture<?> future) {
    joined.set(future);
    wakeDriver();
  }

  private void wakeDriver() {
    Thread d = driver;
    if (d != null) {
      LockSupport.unpark(d);
    }
  }

  /** Makes {@code other} answer every request from now on (for example a seed dialect over the server). */
  ClientHarness serveWith(Function<HttpCall, Reply> other) {
    front = other;
    return this;
  }

  /** A harness whose retry backoff takes the lower bound of its jitter (half the nominal delay). */
  static ClientHarness create(UnaryOperator<VideoTranslationClientBuilder> config) {
    return new ClientHarness(config, 0.0);
  }

  /**
   * Runs a scenario through the sync method (on its own thread, time moving only while it blocks)
   * or the async one (time moving until the future is done), returning its value or throwing what
   * the sync method would throw.
   */
  <T> T call(
      Mode mode,
      Function<VideoTranslationClient, T> sync,
      Function<VideoTranslationClient, CompletableFuture<T>> async) {
    if (mode == Mode.ASYNC) {
      CompletableFuture<T> future = async.apply(client);
      scheduler.runUntil(future::isDone);
      if (!future.isDone()) {
        fail("the async call did not finish and nothing more was scheduled");
      }
      return join(future);
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    joined.set(null);
    driver = Thread.currentThread();
    result.whenComplete((value, error) -> wakeDriver());
    Thread caller = new Thread(() -> {
      try {
        result.complete(sync.apply(client));
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }, "sync-caller");
    caller.start();
    long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!result.isDone()) {
      if (System.nanoTime() > giveUp) {
        caller.interrupt();
        fail("the sync call did not finish");
      }
      if (scheduler.runDue()) {
        continue;
      }
      if (!(blockedOnPendingWork(caller) && scheduler.advanceToNext())) {
        // The caller is running (it needs the CPU): sleep until it blocks or ends; the bound only
        // covers the moment between its announcing the block and its thread parking.
        LockSupport.parkNanos(this, PARK_NANOS);
      }
    }
    driver = null;
    return join(result);
  }

  /**
   * Returns whether the caller is parked on the future its sync method joins while that future is
   * still pending: only then may time move on. A released caller still reads WAITING until it runs,
   * so the future's state, not the thread's, decides.
   */
  private boolean blockedOnPendingWork(Thread caller) {
    CompletableFuture<?> future = joined.get();
    Thread.State state = caller.getState();
    return future != null && !future.isDone()
        && (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING);
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      Throwable t = e.getCause();
      while (t instanceof CompletionException && t.getCause() != null) {
        t = t.getCause();
      }
      if (t instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(t);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
