package dev.vtstatus.protocol;

import java.util.List;

/**
 * The answer to a batch read ({@code GET /v1/jobs?ids=a,b,c}).
 *
 * @param jobs the jobs found, in request order
 * @param notFound the requested ids the server does not know
 */
public record JobBatch(List<Job> jobs, List<String> notFound) {

  /** Copies both lists. */
  public JobBatch {
    jobs = jobs == null ? List.of() : List.copyOf(jobs);
    notFound = notFound == null ? List.of() : List.copyOf(notFound);
  }
}
