package dev.vtstatus.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CausesTest {

  @Test
  void unwrapFindsTheFailureBehindNestedFutureWrappers() {
    IllegalStateException root = new IllegalStateException("root");

    Throwable found = Causes.unwrap(new CompletionException(new ExecutionException(root)));

    assertThat(found).isSameAs(root);
  }

  @Test
  void unwrapKeepsAFailureThatIsNoWrapperOrWrapsNothing() {
    IllegalStateException plain = new IllegalStateException("plain", new RuntimeException("cause"));
    CompletionException empty = new CompletionException("no cause", null);

    assertThat(Causes.unwrap(plain)).isSameAs(plain);
    assertThat(Causes.unwrap(empty)).isSameAs(empty);
    assertThat(Causes.unwrap(null)).isNull();
  }
}
