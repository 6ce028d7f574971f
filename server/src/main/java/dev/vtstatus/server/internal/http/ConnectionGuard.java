package dev.vtstatus.server.internal.http;

import dev.vtstatus.server.internal.metrics.ServerMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
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
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards every connection below the HTTP layer: caps the connections open at once (closing the
 * ones over the cap, with a log line at most every {@link #LOG_EVERY}), closes a connection whose
 * request headers are not complete within {@code headerTimeout} of their first byte (answering
 * {@code 408}; a request pipelined behind others, within {@code headerTimeout} of the answer before
 * it), and answers a request the HTTP decoder rejected in HTTP/1.1 rather than the HTTP/1.0 Netty
 * assumes for it. A request whose headers are in is never timed out, so long polls and event
 * streams stay open as long as they need; nor is a keep-alive connection between requests.
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
  private final ServerMetrics metrics;
  private final AtomicLong refusedSinceLog = new AtomicLong();
  private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_EVERY.toNanos());

  /**
   * Creates a guard shared by every event loop's server.
   *
   * @param maxConnections the most connections open at once
   * @param headerTimeout how long a request's headers may take from their first byte
   * @param metrics where the guard counts connections in and out, and reads how many are open
   */
  public ConnectionGuard(int maxConnections, Duration headerTimeout, ServerMetrics metrics) {
    this.metrics = metrics;
    this.maxConnections = maxConnections;
    this.headerTimeoutNanos = headerTimeout.toNanos();
  }

  /** Admits or closes a new connection; installs the header watch on an admitted one. */
  public void accept(HttpConnection connection) {
    int now = metrics.connectionOpened();
    connection.closeHandler(v -> metrics.connectionClosed());
    if (now > maxConnections) {
      refused(now - 1);
      connection.close();
      return;
    }
    // Vert.x offers no public hook below the HTTP decoder; its connections are Netty channels
    if (connection instanceof ConnectionBase base) {
      Channel channel = base.channel();
      Watch watch = new Watch();
      if (channel.pipeline().get("httpDecoder") instanceof ByteToMessageDecoder decoder) {
        decoder.setCumulator(watch);
      }
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

  /**
   * One connection's header watch. The timer runs while the decoder holds the start of a request
   * whose headers are not complete and no earlier request is waiting for its answer: from the
   * request's first byte, or, for a request pipelined behind others, from the end of the answer
   * before it (so a 408 never cuts into an answer, and a request whose headers are in, such as a
   * long poll, is never timed out). Confined to its channel's event loop.
   */
  private final class Watch implements ByteToMessageDecoder.Cumulator {
    private ScheduledFuture<?> timer;
    private ChannelHandlerContext raw;
    /**
     * The decoder's buffer, with a reference of our own, so that it can be read when the decoder
     * hands on a request's end (even after the decoder let go of it): what it still holds then
     * follows that end.
     */
    private ByteBuf cumulation;
    /** Whether the decoder holds bytes of a request whose headers are not complete. */
    private boolean headersBegun;
    /** Whether a request's body is being read, so that bytes arriving are not a new request. */
    private boolean inBody;
    /** Requests whose headers are in and whose answer is not complete. */
    private int unanswered;
    private boolean invalidRequest;
    private boolean answerStarted;
    private boolean refused;

    @Override
    public ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf sofar, ByteBuf in) {
      ByteBuf next = ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, sofar, in);
      if (next != cumulation) {
        letGo();
        cumulation = next.retain();
      }
      return next;
    }

    private void letGo() {
      if (cumulation != null) {
        cumulation.release();
        cumulation = null;
      }
    }

    /** Sits below the HTTP decoder, where the first byte of each request is seen. */
    final ChannelInboundHandlerAdapter bytesIn = new ChannelInboundHandlerAdapter() {
      @Override
      public void handlerAdded(ChannelHandlerContext ctx) {
        raw = ctx;
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && bytes.isReadable() && !inBody) {
          headersBegun = true;
          watch();
        }
        ctx.fireChannelRead(msg);
        if (cumulation != null && !cumulation.isReadable()) {
          // the decoder is done with it too: an idle connection holds no buffer
          letGo();
        }
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        letGo();
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
          headersBegun = false;
          unanswered++;
          answerStarted = false;
          invalidRequest = request.decoderResult().isFailure();
          // after a request it cannot read, the decoder drops what follows: no body to wait for
          inBody = !invalidRequest;
        } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
          // e.g. a chunk size that is not hex: the body cannot be framed, so nothing after it can
          ReferenceCountUtil.release(msg);
          refuse(answerStarted ? null : BAD_BODY_ANSWER);
          return;
        }
        if (msg instanceof LastHttpContent) {
          // what the decoder still holds after a request's end is the start of the next one
          inBody = false;
          headersBegun = cumulation != null && cumulation.isReadable();
          // the answer may be complete already: Vert.x can answer before the request's end is read
          watch();
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
          unanswered = Math.max(0, unanswered - 1);
          invalidRequest = false;
          watch();
        }
        ctx.write(msg, promise);
      }
    };

    /** Starts the timer when a request's headers have begun and no earlier request waits for its answer. */
    private void watch() {
      if (headersBegun && unanswered == 0 && timer == null && !refused) {
        timer = raw.executor().schedule(this::timedOut, headerTimeoutNanos, TimeUnit.NANOSECONDS);
      }
    }

    private void timedOut() {
      timer = null;
      if (headersBegun && unanswered == 0) {
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
