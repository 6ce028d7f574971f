package dev.vtstatus.server.internal.http;

/** Checks request targets before routing. Thread-safe. */
final class RequestTargets {
  private RequestTargets() {}

  /** Returns whether {@code uri} has a {@code %} not followed by two hex digits. */
  static boolean hasBadEscape(String uri) {
    for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
      if (i + 2 >= uri.length() || !isHex(uri.charAt(i + 1)) || !isHex(uri.charAt(i + 2))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
