package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every path template the server knows, each with its methods' {@link Policy}, matched against a
 * request's path before routing, so that a request stopped ahead of its handler (a fault, a rate
 * limit, a missing key) is still counted under its route. Immutable and thread-safe.
 */
final class RouteTable {
  /** The label of a path that no mounted template matches. */
  static final String UNMATCHED = "unmatched";

  /** One method on one template, and whether this server mounts a handler for it. */
  record Entry(String method, String template, Policy policy, boolean mounted) {
    /** Returns the entry of a protocol route. */
    static Entry of(Route route, boolean mounted) {
      return new Entry(route.method(), route.template(), Policy.of(route), mounted);
    }
  }

  /** What a request's path names: its route label (a mounted template, or {@link #UNMATCHED}) and its policy. */
  record Target(String label, Policy policy) {}

  private record Template(String label, String[] segments, Map<String, Policy> byMethod, Policy otherMethods) {}

  private final List<Template> templates = new ArrayList<>();

  /** Creates the table; a template segment that starts with {@code :} matches any one segment. */
  RouteTable(List<Entry> entries) {
    Map<String, List<Entry>> byTemplate = new LinkedHashMap<>();
    for (Entry entry : entries) {
      byTemplate.computeIfAbsent(entry.template(), t -> new ArrayList<>()).add(entry);
    }
    byTemplate.forEach((template, methods) -> {
      Map<String, Policy> policies = new HashMap<>();
      methods.forEach(m -> policies.put(m.method(), m.policy()));
      boolean mounted = methods.stream().anyMatch(Entry::mounted);
      templates.add(new Template(mounted ? template : UNMATCHED, template.split("/", -1), Map.copyOf(policies),
          methods.get(0).policy().forOtherMethod()));
    });
  }

  /** Returns the route label and the policy of a request. */
  Target target(String method, String path) {
    Template template = find(path);
    if (template == null) {
      return new Target(UNMATCHED, unknownPath(path));
    }
    Policy policy = template.byMethod().get(method);
    return new Target(template.label(), policy != null ? policy : template.otherMethods());
  }

  /** Returns the route label of a path: the mounted template that matches it, or {@link #UNMATCHED}. */
  String label(String path) {
    Template template = find(path);
    return template == null ? UNMATCHED : template.label();
  }

  /** An unknown path under the admin or the dashboard's prefix keeps that part's policy. */
  private static Policy unknownPath(String path) {
    if (path.startsWith(Route.ADMIN_PREFIX)) {
      return Policy.ADMIN;
    }
    return path.startsWith(DashboardRoutes.FILES) ? Policy.MONITORING : Policy.SERVICE;
  }

  private Template find(String path) {
    String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String[] parts = trimmed.split("/", -1);
    for (Template template : templates) {
      if (matches(template.segments(), parts)) {
        return template;
      }
    }
    return null;
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
