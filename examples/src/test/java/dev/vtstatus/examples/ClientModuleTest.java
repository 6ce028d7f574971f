package dev.vtstatus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.VideoTranslationClient;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Reads the module descriptor of the client artifact these examples compile against: a user's
 * modular application sees exactly the API package, nothing internal.
 */
class ClientModuleTest {
  @Test
  void theClientModuleExportsOnlyItsApiPackage() throws Exception {
    // Given
    Path artifact =
        Path.of(
            VideoTranslationClient.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

    // When
    ModuleDescriptor client =
        ModuleFinder.of(artifact).find("dev.vtstatus.client").orElseThrow().descriptor();

    // Then
    assertThat(client.isAutomatic()).isFalse();
    assertThat(client.exports())
        .allSatisfy(export -> assertThat(export.isQualified()).isFalse())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.vtstatus.client");
    assertThat(client.packages())
        .anySatisfy(p -> assertThat(p).startsWith("dev.vtstatus.client.internal"));
    assertThat(
            client.requires().stream()
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet()))
        .contains("dev.vtstatus.protocol", "java.net.http");
  }
}
