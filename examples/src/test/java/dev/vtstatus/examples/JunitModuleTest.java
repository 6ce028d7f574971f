package dev.vtstatus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.junit.VtStatusServerExtension;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The junit artifact is a named module that exports only its API package. */
class JunitModuleTest {
  @Test
  void theJunitModuleExportsOnlyItsApiPackage() throws Exception {
    // Given
    Path artifact = Path.of(
        VtStatusServerExtension.class.getProtectionDomain().getCodeSource().getLocation().toURI());

    // When
    ModuleDescriptor junit = ModuleFinder.of(artifact).find("dev.vtstatus.junit").orElseThrow().descriptor();

    // Then
    assertThat(junit.isAutomatic()).isFalse();
    assertThat(junit.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.vtstatus.junit");
    assertThat(junit.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
        .contains("dev.vtstatus.client", "dev.vtstatus.server", "org.junit.jupiter.api");
  }
}
