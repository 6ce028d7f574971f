package dev.vtstatus.client.internal.observe;

import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitSummary;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.TraceParent;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every listener in order; a listener that throws is logged and skipped, so it never breaks
 * a wait. Immutable and thread-safe.
 */
public final class ListenerChain implements WaitListener {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerChain.class);

  private final List<WaitListener> listeners;

  /** Creates the chain. */
  public ListenerChain(List<WaitListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private void each(String event, Consumer<WaitListener> call) {
    for (WaitListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("listener {} failed on {}; ignored", l.getClass().getName(), event, e);
      }
    }
  }

  @Override
  public void jobCreated(Job job, TraceParent trace) {
    each("jobCreated", l -> l.jobCreated(job, trace));
  }

  @Override
  public void waitStarted(String jobId, TraceParent trace) {
    each("waitStarted", l -> l.waitStarted(jobId, trace));
  }

  @Override
  public void requestSent(String jobId, String method, URI uri, int attempt) {
    each("requestSent", l -> l.requestSent(jobId, method, uri, attempt));
  }

  @Override
  public void statusPolled(String jobId, Job job, Duration elapsed) {
    each("statusPolled", l -> l.statusPolled(jobId, job, elapsed));
  }

  @Override
  public void statusChanged(String jobId, JobStatus from, JobStatus to, Job job) {
    each("statusChanged", l -> l.statusChanged(jobId, from, to, job));
  }

  @Override
  public void jobFinished(String jobId, Job job, WaitSummary summary) {
    each("jobFinished", l -> l.jobFinished(jobId, job, summary));
  }

  @Override
  public void jobTimedOut(String jobId, Job lastSeen, Duration timeout) {
    each("jobTimedOut", l -> l.jobTimedOut(jobId, lastSeen, timeout));
  }

  @Override
  public void requestRetried(String jobId, int attempt, Duration delay, Throwable cause) {
    each("requestRetried", l -> l.requestRetried(jobId, attempt, delay, cause));
  }

  @Override
  public void rateLimited(String jobId, Duration delay) {
    each("rateLimited", l -> l.rateLimited(jobId, delay));
  }

  @Override
  public void channelChanged(String from, String to, Throwable cause) {
    each("channelChanged", l -> l.channelChanged(from, to, cause));
  }

  @Override
  public void replicaSwitched(String jobId, URI from, URI to, Throwable cause) {
    each("replicaSwitched", l -> l.replicaSwitched(jobId, from, to, cause));
  }

  @Override
  public void replicaRecovered(URI replica) {
    each("replicaRecovered", l -> l.replicaRecovered(replica));
  }
}
