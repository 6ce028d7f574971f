package dev.vtstatus.cli;

/** How live progress is shown while jobs are waited for. */
public enum ProgressMode {
  /** Redraw in place on a terminal, plain lines otherwise. */
  auto,
  /** Redraw in place with ANSI escape codes. */
  ansi,
  /** Plain lines, one per change: fit for logs and pipes. */
  plain,
  /** Nothing. */
  none;

  /** Returns {@link #ansi} or {@link #plain} for {@link #auto}, depending on the terminal. */
  ProgressMode resolve() {
    if (this != auto) {
      return this;
    }
    boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    return terminal ? ansi : plain;
  }
}
