package dev.vtstatus.protocol;

import java.util.List;

/**
 * The jobs a server holds, newest first ({@code GET /admin/jobs}).
 *
 * @param jobs the jobs, newest first
 */
public record JobList(List<Job> jobs) {

  /** Copies the list. */
  public JobList {
    jobs = jobs == null ? List.of() : List.copyOf(jobs);
  }
}
