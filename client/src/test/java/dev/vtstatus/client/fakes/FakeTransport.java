package dev.vtstatus.client.fakes;

import dev.vtstatus.client.internal.http.HttpAnswer;
import dev.vtstatus.client.internal.http.HttpCall;
import dev.vtstatus.client.internal.http.Transport;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A transport answered by a function, delivering every answer through the fake scheduler (after the
 * reply's delay, or the call's timeout if that is shorter), and recording each call with its time.
 * Thread-safe.
 */
public final class FakeTransport implements Transport {
  private final FakeScheduler scheduler;
  private final Function<HttpCall, Reply> server;
  private final List<Recorded> calls = new ArrayList<>();
  private volatile boolean closed;

  /** One recorded request. */
  public record Recorded(Instant at, HttpCall call) {
    public String method() {
      return call.method();
    }

    public String pathAndQuery() {
      String q = call.uri().getRawQuery();
      return call.uri().getRawPath() + (q == null ? "" : "?" + q);
    }

    public String header(String name) {
      return call.headers().get(name);
    }
  }

  /** What the fake server does with a request: answer (made when due) or fail, after a delay. */
  public record Reply(Duration delay, Supplier<HttpAnswer> answer, Throwable error) {
    public static Reply now(HttpAnswer answer) {
      return new Reply(Duration.ZERO, () -> answer, null);
    }

    public static Reply later(Duration delay, Supplier<HttpAnswer> answer) {
      return new Reply(delay, answer, null);
    }

    public static Reply fail(Throwable error) {
      return new Reply(Duration.ZERO, null, error);
    }
  }

  public FakeTransport(FakeScheduler scheduler, Function<HttpCall, Reply> server) {
    this.scheduler = scheduler;
    this.server = server;
  }

  @Override
  public CompletableFuture<HttpAnswer> send(HttpCall call) {
    Instant now = scheduler.clock().instant();
    synchronized (calls) {
      calls.add(new Recorded(now, call));
    }
    CompletableFuture<HttpAnswer> out = new CompletableFuture<>();
    Reply reply = server.apply(call);
    if (reply.delay().compareTo(call.timeout()) > 0) {
      cancelledWith(out, scheduler.schedule(
          () -> {
            out.completeExceptionally(new HttpTimeoutException("request timed out"));
          },
          call.timeout().toNanos(),
          TimeUnit.NANOSECONDS));
      return out;
    }
    cancelledWith(out, scheduler.schedule(
        () -> {
          if (reply.error() != null) {
            out.completeExceptionally(reply.error());
          } else {
            out.complete(reply.answer().get());
          }
        },
        reply.delay().toNanos(),
        TimeUnit.NANOSECONDS));
    return out;
  }

  /** A cancelled call is aborted, as the JDK client aborts an exchange: its answer never comes. */
  private static void cancelledWith(CompletableFuture<HttpAnswer> out, ScheduledFuture<?> delivery) {
    out.whenComplete((answer, error) -> {
      if (out.isCancelled()) {
        delivery.cancel(false);
      }
    });
  }

  /** Returns every call so far. */
  public List<Recorded> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Returns the calls whose path starts with {@code prefix}. */
  public List<Recorded> calls(String method, String pathPrefix) {
    return calls().stream()
        .filter(c -> c.method().equals(method) && c.pathAndQuery().startsWith(pathPrefix))
        .toList();
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
