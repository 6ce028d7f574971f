package dev.vtstatus.server.internal.store.redis;

import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.server.internal.store.EventLog;
import dev.vtstatus.server.internal.store.redis.RedisCommands.Script;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of every replica on one Redis: a stream whose entry ids are the event ids ({@code
 * N-0}, from one counter, written by the same scripts that change the jobs), trimmed to the
 * configured length and its share of the byte budget; each entry carries its job's owner, so that
 * a tenant's streams leave out other owners' jobs on every replica. Each replica reads it with
 * {@code XREAD BLOCK} on a connection of its own, so its listeners get every event in id order;
 * after a lost connection it reads on from the last id it passed on. Thread-safe.
 */
final class RedisEventLog implements EventLog {
  private static final Logger LOG = LoggerFactory.getLogger(RedisEventLog.class);
  private static final long BLOCK_MILLIS = 1000;
  private static final long RECONNECT_MILLIS = 250;

  private final Vertx vertx;
  private final Redis client;
  private final RedisCommands redis;
  private final String stream;
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private volatile long lastRead;
  private volatile boolean closed;
  private volatile RedisConnection reader;

  RedisEventLog(Vertx vertx, Redis client, RedisCommands redis) {
    this.vertx = vertx;
    this.client = client;
    this.redis = redis;
    this.stream = redis.prefix() + "events";
  }

  /** Starts reading after the newest event there is now. */
  Future<Void> start() {
    return redis.send(Request.cmd(Command.GET).arg(redis.prefix() + "eventid")).map(id -> {
      lastRead = id == null ? 0 : id.toLong();
      connect();
      return null;
    });
  }

  private void connect() {
    if (closed) {
      return;
    }
    redis.bounded(client.connect()).onComplete(connected -> {
      if (connected.failed()) {
        retryLater();
        return;
      }
      reader = connected.result();
      reader.exceptionHandler(e -> { });
      read(connected.result());
    });
  }

  private void read(RedisConnection connection) {
    if (closed) {
      connection.close();
      return;
    }
    Request xread = Request.cmd(Command.XREAD).arg("COUNT").arg(1000).arg("BLOCK").arg(BLOCK_MILLIS)
        .arg("STREAMS").arg(stream).arg(lastRead + "-0");
    connection.send(xread).onComplete(result -> {
      if (result.failed()) {
        if (!closed) {
          LOG.warn("reading the event stream failed, reconnecting: {}", result.cause().getMessage());
        }
        connection.close();
        retryLater();
        return;
      }
      Response answer = result.result();
      if (answer != null) {
        Response entries = answer.isMap() ? answer.get(stream) : answer.get(0).get(1);
        for (Response entry : entries) {
          Event event = event(entry);
          lastRead = event.id();
          for (Consumer<Event> listener : listeners) {
            listener.accept(event);
          }
        }
      }
      read(connection);
    });
  }

  private void retryLater() {
    if (!closed) {
      vertx.setTimer(RECONNECT_MILLIS, id -> connect());
    }
  }

  private static Event event(Response entry) {
    String id = entry.get(0).toString();
    Response fields = entry.get(1);
    String job = null;
    String status = null;
    String trace = null;
    String data = null;
    String owner = null;
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      String value = fields.get(i + 1).toString();
      switch (fields.get(i).toString()) {
        case "job" -> job = value;
        case "status" -> status = value;
        case "trace" -> trace = value;
        case "data" -> data = value;
        case "owner" -> owner = value.isEmpty() ? null : value;
        default -> { }
      }
    }
    return new Event(Long.parseLong(id.substring(0, id.indexOf('-'))), job, JobStatus.fromWire(status), trace, data,
        owner);
  }

  @Override
  public Future<Replay> after(long lastEventId) {
    return after(lastEventId, Integer.MAX_VALUE);
  }

  @Override
  public Future<Replay> after(long lastEventId, int limit) {
    return redis.eval(Script.REPLAY, lastEventId, limit).map(answer -> {
      long last = answer.get(0).toLong();
      long oldest = answer.get(1).toLong();
      boolean tooOld = answer.get(2).toLong() == 1;
      List<Event> events = new ArrayList<>();
      for (Response entry : answer.get(3)) {
        events.add(event(entry));
      }
      return new Replay(events, last, oldest, tooOld);
    });
  }

  @Override
  public void subscribe(Consumer<Event> listener) {
    listeners.add(listener);
  }

  @Override
  public void unsubscribe(Consumer<Event> listener) {
    listeners.remove(listener);
  }

  /** Stops reading. */
  void close() {
    closed = true;
    RedisConnection connection = reader;
    if (connection != null) {
      connection.close();
    }
  }
}
