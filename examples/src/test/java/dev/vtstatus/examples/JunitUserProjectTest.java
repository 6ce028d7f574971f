package dev.vtstatus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The user's project in {@code junit-user/}, which the invoker plugin builds and tests after this
 * module's tests, stays what the README says it is.
 */
class JunitUserProjectTest {
  private static final Path PROJECT = Path.of("junit-user");
  private static final Path TEST =
      PROJECT.resolve("src/test/java/com/example/translations/TranslationOutcomeTest.java");

  @Test
  void itDependsOnlyOnTheExtensionAndTheClient() throws Exception {
    // Given
    String pom = Files.readString(PROJECT.resolve("pom.xml"));

    // When
    List<String> artifacts = new ArrayList<>();
    Matcher dependency = Pattern.compile("<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>")
        .matcher(pom);
    while (dependency.find()) {
      artifacts.add(dependency.group(1) + ":" + dependency.group(2));
    }

    // Then: no parent, no reactor module, nothing else
    assertThat(pom).doesNotContain("<parent>").doesNotContain("<modules>");
    assertThat(artifacts).containsExactly("dev.vtstatus:vtstatus-client", "dev.vtstatus:vtstatus-junit");
  }

  @Test
  void theReadmeShowsItsTestAsItIs() throws Exception {
    // Given
    String test = Files.readString(TEST);
    String readme = Files.readString(Path.of("..", "README.md"));

    // When
    String shown = test.substring(test.indexOf("import static"));

    // Then
    assertThat(readme).contains(shown);
  }
}
