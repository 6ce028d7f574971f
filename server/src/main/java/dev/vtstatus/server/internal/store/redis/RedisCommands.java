package dev.vtstatus.server.internal.store.redis;

import dev.vtstatus.server.internal.store.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The Redis store's way of talking to Redis: every command is bounded by a timeout, every failure
 * becomes a {@link StoreUnavailableException}, and scripts go by their digest, sent whole only
 * when Redis does not know them (after a restart or a flush). Thread-safe.
 */
final class RedisCommands {
  /** The longest a command may take before the store counts as unreachable. */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  /** One Lua script of the store, loaded from the resources beside this class. */
  enum Script {
    RESERVE("reserve.lua"),
    CREATE("publish.lua", "create.lua"),
    DEFAULT("default.lua"),
    DECIDE("publish.lua", "decide.lua"),
    REPLAY("replay.lua"),
    CLAIM("claim.lua"),
    RETRY("retry.lua"),
    DONE("done.lua"),
    FORGET("forget.lua");

    final String source;
    final String sha;

    /** Joins {@code files} into one script, so that the scripts that publish events share one function for it. */
    Script(String... files) {
      StringBuilder joined = new StringBuilder();
      for (String file : files) {
        joined.append(resource(file));
      }
      source = joined.toString();
      sha = sha1(source);
    }

    private static String resource(String file) {
      try (InputStream in = RedisCommands.class.getResourceAsStream(file)) {
        if (in == null) {
          throw new IllegalStateException("missing script " + file);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final Vertx vertx;
  private final Redis redis;
  private final String where;
  private final String prefix;

  RedisCommands(Vertx vertx, Redis redis, String where, String prefix) {
    this.vertx = vertx;
    this.redis = redis;
    this.where = where;
    this.prefix = prefix;
  }

  /** Returns the prefix of every key. */
  String prefix() {
    return prefix;
  }

  /** Sends one command. */
  Future<Response> send(Request request) {
    return bounded(redis.send(request));
  }

  /** Sends commands in one round trip. */
  Future<List<Response>> batch(List<Request> requests) {
    return bounded(redis.batch(requests));
  }

  /** Runs a script with the key prefix as its first argument, then {@code args}. */
  Future<Response> eval(Script script, Object... args) {
    Promise<Response> result = Promise.promise();
    redis.send(scriptCall(Command.EVALSHA, script.sha, args)).onComplete(first -> {
      if (first.succeeded()) {
        result.complete(first.result());
      } else if (String.valueOf(first.cause().getMessage()).startsWith("NOSCRIPT")) {
        redis.send(scriptCall(Command.EVAL, script.source, args)).onComplete(result);
      } else {
        result.fail(first.cause());
      }
    });
    return bounded(result.future());
  }

  private Request scriptCall(Command command, String script, Object[] args) {
    Request request = Request.cmd(command).arg(script).arg(0).arg(prefix);
    for (Object arg : args) {
      request.arg(arg == null ? "" : arg.toString());
    }
    return request;
  }

  /** Fails {@code future} as unavailable when it fails, or when it takes longer than the timeout. */
  <T> Future<T> bounded(Future<T> future) {
    Promise<T> result = Promise.promise();
    long timer = vertx.setTimer(COMMAND_TIMEOUT.toMillis(), id -> result.tryFail(new StoreUnavailableException(
        "the Redis store at " + where + " did not answer within " + COMMAND_TIMEOUT.toMillis() + " ms", null)));
    future.onComplete(done -> {
      vertx.cancelTimer(timer);
      if (done.succeeded()) {
        result.tryComplete(done.result());
      } else {
        result.tryFail(unavailable(done.cause()));
      }
    });
    return result.future();
  }

  private Throwable unavailable(Throwable cause) {
    if (cause instanceof StoreUnavailableException) {
      return cause;
    }
    String message = String.valueOf(cause.getMessage());
    if (message.startsWith("ERR") || message.startsWith("WRONGTYPE")) {
      // Redis answered, but refused: a bug, not an outage
      return new IllegalStateException("Redis refused a command: " + message, cause);
    }
    return new StoreUnavailableException("the Redis store at " + where + " cannot be reached: " + message, cause);
  }

  private static String sha1(String text) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(40);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }
}
