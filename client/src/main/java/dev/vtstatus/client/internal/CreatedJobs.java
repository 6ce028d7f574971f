package dev.vtstatus.client.internal;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.TraceParent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this client remembers of the jobs it created, until a wait for them succeeds: the create
 * answer (a wait's first observation), the trace (so the job keeps one trace) and the local
 * creation time (the seed protocol's only clock). Bounded to the latest {@value #CAPACITY} jobs.
 * Thread-safe.
 */
final class CreatedJobs {
  static final int CAPACITY = 50_000;

  /** One created job. */
  record Created(Job job, TraceParent trace, Instant at) {}

  private final Map<String, Created> jobs =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Created> eldest) {
          return size() > CAPACITY;
        }
      };

  synchronized void put(Created created) {
    jobs.put(created.job().jobId(), created);
  }

  /** Returns what is known of a job, or null. */
  synchronized Created get(String jobId) {
    return jobs.get(jobId);
  }

  synchronized void remove(String jobId) {
    jobs.remove(jobId);
  }
}
