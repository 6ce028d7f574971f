package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Micrometer and OpenTelemetry are optional: a client without them on the class path works. */
class OptionalDependenciesTest {

  /** The test class path without Micrometer and OpenTelemetry jars. */
  private static URL[] classPathWithoutOptionalJars() throws Exception {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      String name = new File(entry).getName();
      if (!entry.isBlank() && !name.startsWith("micrometer-") && !name.startsWith("opentelemetry-")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return urls.toArray(URL[]::new);
  }

  @Test
  void aClientBuildsWaitsAndClosesWithoutMicrometerOrOpenTelemetry() throws Exception {
    try (URLClassLoader loader =
        new URLClassLoader(classPathWithoutOptionalJars(), ClassLoader.getPlatformClassLoader())) {
      // Given: a class path on which the optional libraries are surely absent
      assertThatThrownBy(() -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"))
          .isInstanceOf(ClassNotFoundException.class);
      assertThatThrownBy(() -> loader.loadClass("io.opentelemetry.api.OpenTelemetry"))
          .isInstanceOf(ClassNotFoundException.class);
      @SuppressWarnings("unchecked")
      Callable<String> user = (Callable<String>) loader.loadClass(ClientUser.class.getName())
          .getDeclaredConstructor().newInstance();

      // When: a client is built, used and closed there
      String seen = user.call();

      // Then
      assertThat(seen).startsWith("auto ").contains("total_jobs=0");
    }
  }

  /** Uses the client as an application would, loaded in the class loader under test. */
  public static final class ClientUser implements Callable<String> {
    @Override
    public String call() {
      try (VideoTranslationClient client =
          VideoTranslationClient.builder().baseUrl("http://127.0.0.1:9").build()) {
        return client.strategyName() + " " + client.metrics();
      }
    }
  }
}
