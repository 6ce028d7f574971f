package dev.vtstatus.server.internal.push;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * Runs the continuation of a store call on the event loop that made it, since a store may
 * complete its futures on its own threads and what an event loop holds is confined to it.
 */
public final class OnLoop {
  private OnLoop() {}

  /** Calls {@code handler} with the result of {@code future} on {@code context}; at once when already there. */
  public static <T> void whenDone(Context context, Future<T> future, Handler<AsyncResult<T>> handler) {
    future.onComplete(result -> {
      if (Vertx.currentContext() == context) {
        handler.handle(result);
      } else {
        context.runOnContext(v -> handler.handle(result));
      }
    });
  }
}
