package dev.vtstatus.bench;

import java.util.OptionalLong;

/** Reads the server's status-request counter out of Prometheus text. Stateless and thread-safe. */
final class PrometheusText {

  private PrometheusText() {}

  /**
   * Returns the sum of every sample of a counter whose name ends in {@code status_requests_total}
   * (all label sets together), or empty when there is none.
   */
  static OptionalLong statusRequests(String text) {
    double sum = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int nameEnd = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      String name = (nameEnd > 0 && nameEnd < space ? line.substring(0, nameEnd) : line.substring(0, space)).trim();
      if (name.endsWith("status_requests_total")) {
        try {
          sum += Double.parseDouble(line.substring(space + 1).trim());
          found = true;
        } catch (NumberFormatException e) {
          // A sample whose value is not a number is not a count; skip it.
        }
      }
    }
    return found ? OptionalLong.of(Math.round(sum)) : OptionalLong.empty();
  }
}
