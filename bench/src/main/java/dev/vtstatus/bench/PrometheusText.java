package dev.vtstatus.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the server's count of status requests out of its Prometheus text. Stateless and
 * thread-safe.
 *
 * <p>A counter named {@code ..._status_requests_total} is taken as is. Otherwise the count is
 * rebuilt from {@code vtstatus_http_requests_total{route,method,status}} the way the server counts
 * status requests: every answered request except creates, {@code /healthz}, {@code /metrics},
 * {@code /v1/capabilities} and unmatched routes. That counter counts a request when it is
 * answered, so an event stream still open is not in it yet.
 */
final class PrometheusText {

  private static final String HTTP_REQUESTS = "vtstatus_http_requests_total";
  private static final Set<String> NOT_STATUS =
      Set.of("/healthz", "/metrics", "/v1/capabilities", "unmatched");
  private static final Set<String> CREATES = Set.of("/job", "/jobs", "/v1/jobs");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private PrometheusText() {}

  /**
   * Returns the status requests counted in {@code text}: 0 from a vtstatus server that has counted
   * no request yet, empty when the text is not a vtstatus server's.
   */
  static OptionalLong statusRequests(String text) {
    double direct = 0;
    boolean foundDirect = false;
    double rebuilt = 0;
    boolean foundRebuilt = false;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      int brace = line.indexOf('{');
      if (space < 0) {
        continue;
      }
      String name = (brace > 0 && brace < space ? line.substring(0, brace) : line.substring(0, space)).trim();
      double value;
      try {
        value = Double.parseDouble(line.substring(space + 1).trim());
      } catch (NumberFormatException e) {
        continue;
      }
      if (name.endsWith("status_requests_total")) {
        direct += value;
        foundDirect = true;
      } else if (name.equals(HTTP_REQUESTS)) {
        foundRebuilt = true;
        Map<String, String> labels = labels(brace > 0 ? line.substring(brace, space) : "");
        String route = labels.getOrDefault("route", "unmatched");
        boolean create = "POST".equals(labels.get("method")) && CREATES.contains(route);
        if (!create && !NOT_STATUS.contains(route)) {
          rebuilt += value;
        }
      }
    }
    if (foundDirect) {
      return OptionalLong.of(Math.round(direct));
    }
    if (foundRebuilt) {
      return OptionalLong.of(Math.round(rebuilt));
    }
    // A vtstatus server that has answered nothing yet has no request series at all.
    return text.contains("vtstatus_") ? OptionalLong.of(0) : OptionalLong.empty();
  }

  private static Map<String, String> labels(String block) {
    Map<String, String> labels = new HashMap<>();
    Matcher m = LABEL.matcher(block);
    while (m.find()) {
      labels.put(m.group(1), m.group(2));
    }
    return labels;
  }
}
