package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import dev.vtstatus.server.ServerOption;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The README tells the truth about the command: its flags, its subcommands, its test command. */
class ReadmeTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void serverTableListsExactlyTheServerOptions() throws IOException {
    // Given the README's table of server options
    String section = section(readme(), "## Server options");
    Set<String> documented = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `(--[a-z-]+)`").matcher(section);
    while (row.find()) {
      documented.add(row.group(1));
    }
    // When the server command's own options are listed
    Set<String> actual = Main.newCommandLine().getSubcommands().get("server").getCommandSpec()
        .options().stream().map(OptionSpec::longestName)
        .filter(name -> !Set.of("--help", "--version", "--verbose", "--log-format").contains(name))
        .collect(Collectors.toCollection(TreeSet::new));
    // Then they are the same
    assertThat(documented).isEqualTo(actual);
  }

  @Test
  void serverTableRowsAreTheOptionTable() throws IOException {
    // Given the README's rows of server options, by flag
    String section = section(readme(), "## Server options");
    Map<String, String[]> rows = new HashMap<>();
    Matcher row = Pattern.compile("(?m)^\\| `(--[a-z-]+)`[^|]*\\|([^|]*)\\|([^|]*)\\|(.*)\\|$").matcher(section);
    while (row.find()) {
      rows.put(row.group(1), new String[] {row.group(2).trim(), row.group(3).trim(), row.group(4).trim()});
    }
    // When / Then every option of the table is a row with its variable, its default and its meaning
    assertThat(ServerOption.all()).allSatisfy(option -> {
      String[] cells = rows.get(option.flag());
      assertThat(cells).as(option.flag()).isNotNull();
      assertThat(cells[0]).as(option.flag()).startsWith("`" + option.environment() + "`");
      assertThat(cells[1].replace("`", "")).as(option.flag()).startsWith(option.defaultText());
      assertThat(cells[2].replace("`", "")).as(option.flag()).isEqualTo(option.description());
    });
  }

  @Test
  void strategyTableListsEveryStrategyTheCommandAccepts() throws IOException {
    // Given / When
    String section = section(readme(), "## Wait strategies");
    // Then
    assertThat(StrategyConverter.NAMES).allSatisfy(name -> assertThat(section).contains("| `" + name + "`"));
  }

  @Test
  void everyCommandTheReadmeRunsExists() throws IOException {
    // Given every ./vtstatus COMMAND in the README
    Matcher use = Pattern.compile("\\./vtstatus ([a-z][a-z-]*)").matcher(readme());
    Set<String> used = new TreeSet<>();
    while (use.find()) {
      used.add(use.group(1));
    }
    // When / Then each is a subcommand
    CommandLine commandLine = Main.newCommandLine();
    assertThat(used).isNotEmpty();
    assertThat(commandLine.getSubcommands().keySet()).containsAll(used);
  }

  @Test
  void ciRunsTheReadmeTestCommand() throws IOException {
    // Given the two set-up commands of the README
    String setup = section(readme(), "## Two commands");
    assertThat(setup).contains("./vtstatus demo", "./mvnw -B verify");
    // When the CI script is read
    List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run"));
    // Then its last line is exactly the test command
    assertThat(ci.get(ci.size() - 1).trim()).isEqualTo("./mvnw -B verify");
  }

  private static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md"));
  }

  private static String section(String markdown, String heading) {
    int start = markdown.indexOf(heading);
    assertThat(start).as("README section " + heading).isNotNegative();
    int end = markdown.indexOf("\n## ", start + heading.length());
    return end < 0 ? markdown.substring(start) : markdown.substring(start, end);
  }
}
