package dev.vtstatus.server.internal.http;

import java.util.List;

/**
 * The route templates a router serves (e.g. {@code /v1/jobs/:id}), matched against a request's
 * path before routing, so that a request stopped ahead of its route (a fault, a rate limit, a
 * missing key) is still counted under its route. Immutable and thread-safe.
 */
final class RouteTemplates {
  /** The label of a path that no template matches. */
  static final String UNMATCHED = "unmatched";

  private final List<String> templates;
  private final List<String[]> segments;

  /** Creates the matcher; a segment of a template that starts with {@code :} matches any one segment. */
  RouteTemplates(List<String> templates) {
    this.templates = List.copyOf(templates);
    this.segments = this.templates.stream().map(t -> t.split("/", -1)).toList();
  }

  /** Returns the first template that matches {@code path}, or {@link #UNMATCHED}. */
  String match(String path) {
    String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String[] parts = trimmed.split("/", -1);
    for (int i = 0; i < templates.size(); i++) {
      if (matches(segments.get(i), parts)) {
        return templates.get(i);
      }
    }
    return UNMATCHED;
  }

  private static boolean matches(String[] template, String[] parts) {
    if (template.length != parts.length) {
      return false;
    }
    for (int i = 0; i < template.length; i++) {
      boolean ok = template[i].startsWith(":") ? !parts[i].isEmpty() : template[i].equals(parts[i]);
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
