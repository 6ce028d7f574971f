package dev.vtstatus.server;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The programs some tests need beyond the JDK, each from a Debian package that {@code
 * .ci/ensure-tools} installs. A missing one fails the test with the package to install; it never
 * skips it.
 */
final class ExternalTools {
  /** Debian's Chromium; Playwright drives it instead of downloading a browser of its own. */
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox",
      "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run");

  private ExternalTools() {}

  /** Starts Playwright with no browser download; close it to stop its driver. */
  static Playwright playwright() {
    requireExecutable(CHROMIUM, "chromium");
    return Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  /** Launches headless Debian Chromium through {@code playwright}. */
  static Browser chromium(Playwright playwright) {
    return playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(CHROMIUM_FLAGS));
  }

  /**
   * Runs {@code promtool check metrics} on {@code exposition} and returns what it reported: empty
   * when the text is clean, its findings (or its exit status) otherwise.
   */
  static String promtoolCheckMetrics(String exposition) throws IOException, InterruptedException {
    Path promtool = onPath("promtool");
    if (promtool == null) {
      fail("promtool is not installed: install Debian's prometheus package"
          + " (apt-get install prometheus), or run .ci/ensure-tools");
    }
    Process process = new ProcessBuilder(promtool.toString(), "check", "metrics")
        .redirectErrorStream(true).start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("promtool did not finish within 30 s");
    }
    int exit = process.exitValue();
    return exit == 0 || !report.isBlank() ? report.strip() : "promtool exited with status " + exit;
  }

  private static void requireExecutable(Path program, String debianPackage) {
    if (!Files.isExecutable(program)) {
      fail(program + " is not installed: install Debian's " + debianPackage + " package (apt-get install "
          + debianPackage + "), or run .ci/ensure-tools");
    }
  }

  private static Path onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
