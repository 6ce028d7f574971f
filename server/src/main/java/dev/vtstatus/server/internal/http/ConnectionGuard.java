package dev.vtstatus.server.internal.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards every connection below the HTTP layer: caps the connections open at once (closing the
 * ones over the cap, with a log line at most every {@link #LOG_EVERY}), closes a connection whose
 * request headers are not complete within {@code headerTimeout} of their first byte (answering
 * {@code 408}), and answers a request the HTTP decoder rejected in HTTP/1.1 rather than the
 * HTTP/1.0 Netty assumes for it. A request whose headers are in is never timed out, so long polls
 * and event streams stay open as long as they need; nor is a keep-alive connection between
 * requests.
 *
 * <p>Thread-safe: the count is shared by every event loop; each connection's state is confined to
 * its channel's event loop.
 */
public final class ConnectionGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
  static final Duration LOG_EVERY = Duration.ofSeconds(10);
  private static final byte[] TIMEOUT_ANSWER =
      rawProblem(408, "Request Timeout", "request-timeout", "the request headers did not arrive in time");
  private static final byte[] BAD_VERSION_ANSWER =
      rawProblem(400, "Bad Request", "bad-request", "the HTTP version is not supported; send HTTP/1.1");
  private static final byte[] BAD_BODY_ANSWER =
      rawProblem(400, "Bad Request", "bad-request", "the request body is not validly framed (e.g. a bad chunk size)");

  private final int maxConnections;
  private final long headerTimeoutNanos;
  private final AtomicInteger open;
  private final AtomicLong refusedSinceLog = new AtomicLong();
  private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_EVERY.toNanos());

  /**
   * Creates a guard shared by every event loop's server.
   *
   * @param maxConnections the most connections open at once
   * @param headerTimeout how long a request's headers may take from their first byte
   * @param open the count of open connections, kept up to date by the guard
   */
  public ConnectionGuard(int maxConnections, Duration headerTimeout, AtomicInteger open) {
    this.open = open;
    this.maxConnections = maxConnections;
    this.headerTimeoutNanos = headerTimeout.toNanos();
  }

  /** Admits or closes a new connection; installs the header watch on an admitted one. */
  public void accept(HttpConnection connection) {
    int now = open.incrementAndGet();
    connection.closeHandler(v -> open.decrementAndGet());
    if (now > maxConnections) {
      refused(now - 1);
      connection.close();
      return;
    }
    // Vert.x offers no public hook below the HTTP decoder; its connections are Netty channels
    if (connection instanceof ConnectionBase base) {
      Channel channel = base.channel();
      Watch watch = new Watch();
      channel.pipeline().addBefore("httpDecoder", "vtstatusBytesIn", watch.bytesIn);
      channel.pipeline().addAfter("httpEncoder", "vtstatusMessages", watch.messages);
    }
  }

  private void refused(int openNow) {
    refusedSinceLog.incrementAndGet();
    long last = lastLogNanos.get();
    long now = System.nanoTime();
    if (now - last >= LOG_EVERY.toNanos() && lastLogNanos.compareAndSet(last, now)) {
      LOG.warn("connection cap reached: {} connections open, cap {}; closed {} new connection(s) since the last"
          + " such line (raise --max-connections or find who holds them)", openNow, maxConnections,
          refusedSinceLog.getAndSet(0));
    }
  }

  /** One connection's header watch. Confined to its channel's event loop. */
  private final class Watch {
    private ScheduledFuture<?> timer;
    private ChannelHandlerContext raw;
    private boolean inRequest;
    private boolean invalidRequest;
    private boolean answerStarted;
    private boolean refused;

    /** Sits below the HTTP decoder, where the first byte of each request is seen. */
    final ChannelInboundHandlerAdapter bytesIn = new ChannelInboundHandlerAdapter() {
      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        raw = ctx;
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf && !inRequest && timer == null) {
          timer = ctx.executor().schedule(Watch.this::timedOut, headerTimeoutNanos, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
      }
    };

    /** Sits between the HTTP codec and Vert.x, where requests and answers are messages. */
    final ChannelDuplexHandler messages = new ChannelDuplexHandler() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
          ReferenceCountUtil.release(msg);
          return;
        }
        if (msg instanceof HttpRequest request && request.protocolVersion() != HttpVersion.HTTP_1_1
            && request.protocolVersion() != HttpVersion.HTTP_1_0 && request.decoderResult().isSuccess()) {
          // Vert.x would answer 501 itself; a version we do not speak is the caller's mistake
          ReferenceCountUtil.release(msg);
          refuse(BAD_VERSION_ANSWER);
          return;
        }
        if (msg instanceof HttpRequest request) {
          cancel();
          inRequest = true;
          answerStarted = false;
          invalidRequest = request.decoderResult().isFailure();
        } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
          // e.g. a chunk size that is not hex: the body cannot be framed, so nothing after it can
          ReferenceCountUtil.release(msg);
          refuse(answerStarted ? null : BAD_BODY_ANSWER);
          return;
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
          answerStarted = true;
          if (invalidRequest && response.protocolVersion() != HttpVersion.HTTP_1_1) {
            response.setProtocolVersion(HttpVersion.HTTP_1_1);
          }
        }
        if (msg instanceof LastHttpContent) {
          inRequest = false;
          invalidRequest = false;
        }
        ctx.write(msg, promise);
      }
    };

    private void timedOut() {
      timer = null;
      if (!inRequest) {
        refuse(TIMEOUT_ANSWER);
      }
    }

    /** Writes {@code answer} (null for none) below the HTTP encoder, then closes the connection. */
    private void refuse(byte[] answer) {
      refused = true;
      cancel();
      if (answer == null) {
        raw.close();
      } else {
        raw.writeAndFlush(Unpooled.wrappedBuffer(answer)).addListener(ChannelFutureListener.CLOSE);
      }
    }

    private void cancel() {
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
    }
  }

  /** Returns a whole problem+json answer as bytes, for a connection Vert.x has no request on. */
  private static byte[] rawProblem(int status, String reason, String slug, String detail) {
    String body = "{\"type\":\"" + Problems.TYPE_PREFIX + slug + "\",\"title\":\"" + reason + "\","
        + "\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
    String head = "HTTP/1.1 " + status + " " + reason + "\r\ncontent-type: application/problem+json\r\n"
        + "content-length: " + body.length() + "\r\nconnection: close\r\n\r\n";
    return (head + body).getBytes(StandardCharsets.US_ASCII);
  }
}
