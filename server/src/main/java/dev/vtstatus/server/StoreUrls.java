package dev.vtstatus.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/** Checks and shows {@link ServerConfig#store()} values. Thread-safe. */
final class StoreUrls {
  private StoreUrls() {}

  /**
   * Returns the store URL checked: {@code memory}, or {@code redis://HOST[:PORT][/DB]} (port 6379
   * when left out); anything else is rejected with a message saying what is accepted.
   */
  static String check(String value) {
    Objects.requireNonNull(value, "store");
    String trimmed = value.trim();
    if (trimmed.equals(ServerConfig.MEMORY_STORE)) {
      return trimmed;
    }
    String problem;
    try {
      URI uri = new URI(trimmed);
      if (!"redis".equals(uri.getScheme())) {
        problem = "its scheme is not redis";
      } else if (uri.getHost() == null) {
        problem = "it names no host";
      } else if (uri.getQuery() != null || uri.getFragment() != null
          || !(uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().matches("/[0-9]{1,2}"))) {
        problem = "only a database number may follow the port";
      } else {
        return uri.getPort() < 0 ? "redis://" + uri.getRawAuthority() + ":6379" + uri.getPath() : trimmed;
      }
    } catch (URISyntaxException e) {
      problem = "it is not a URL";
    }
    throw new IllegalArgumentException("store must be 'memory' or redis://HOST:PORT[/DB], was '"
        + value + "' (" + problem + ")");
  }

  /** Returns the URL with any password left out, for logs. */
  static String redacted(String store) {
    int at = store.indexOf('@');
    return at < 0 ? store : "redis://***" + store.substring(at);
  }
}
