package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Route;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard: {@code GET /} answers its page and {@code GET /dashboard/...} its scripts, styles
 * and vendored chart library, read once from the class path. The files are static; the page reads
 * everything else from the API with the key the user enters. Thread-safe.
 */
final class DashboardRoutes {
  /** Where the page's files are served from. */
  static final String FILES = "/dashboard/";

  private static final String RESOURCES = "/dev/vtstatus/server/dashboard/";
  private static final List<String> ASSETS = List.of("api.js", "charts.js", "dashboard.js",
      "dashboard.css", "vendor/uPlot.iife.min.js", "vendor/uPlot.min.css");

  private record File(Buffer body, String type) {}

  private final Map<String, File> files = new LinkedHashMap<>();

  DashboardRoutes() {
    files.put(Route.DASHBOARD.template(), read("index.html"));
    for (String asset : ASSETS) {
      files.put(FILES + asset, read(asset));
    }
  }

  /** Returns the paths of the page's files (the page itself is {@link Route#DASHBOARD}). */
  List<String> files() {
    return files.keySet().stream().filter(path -> path.startsWith(FILES)).toList();
  }

  /** Answers the file at the request's path. */
  void serve(RoutingContext ctx) {
    File file = files.get(ctx.request().path());
    // the files change with the server's version only; revalidating keeps a page that was left
    // open from mixing old scripts with a newer server
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, file.type())
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(file.body());
  }

  private static File read(String name) {
    try (InputStream in = DashboardRoutes.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCES + name + " is not on the class path");
      }
      return new File(Buffer.buffer(in.readAllBytes()), type(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String type(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/javascript; charset=utf-8";
  }
}
