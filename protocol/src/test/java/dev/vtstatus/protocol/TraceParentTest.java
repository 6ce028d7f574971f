package dev.vtstatus.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TraceParentTest {
  @Test
  void parsesAndFormatsTheW3cExample() {
    String header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    TraceParent parsed = TraceParent.parse(header).orElseThrow();

    assertThat(parsed.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(parsed.spanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(parsed.header()).isEqualTo(header);
  }

  @Test
  void rejectsMalformedAndAllZeroIds() {
    assertThat(TraceParent.parse(null)).isEmpty();
    assertThat(TraceParent.parse("garbage")).isEmpty();
    assertThat(TraceParent.parse("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")).isEmpty();
    assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-" + "0".repeat(16) + "-01"))
        .isEmpty();
    assertThat(TraceParent.parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isEmpty();
  }

  @Test
  void theConstructorRefusesIdsThatAreNotLowercaseHexOfTheirLength() {
    String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    String span = "00f067aa0ba902b7";
    assertThat(new TraceParent(trace, span, "01").header()).isEqualTo("00-" + trace + "-" + span + "-01");
    assertThatThrownBy(() -> new TraceParent(trace.toUpperCase(), span, "01")).hasMessageContaining("trace id");
    assertThatThrownBy(() -> new TraceParent(trace + "0", span, "01")).hasMessageContaining("trace id");
    assertThatThrownBy(() -> new TraceParent(trace, "00f067aa0ba902bg", "01")).hasMessageContaining("span id");
    assertThatThrownBy(() -> new TraceParent(trace, span, "1")).hasMessageContaining("flags");
    assertThatThrownBy(() -> new TraceParent(trace, span, null)).hasMessageContaining("flags");
  }

  @Test
  void childKeepsTheTraceAndChangesTheSpan() {
    TraceParent root = TraceParent.newTrace();

    TraceParent child = root.newChild();

    assertThat(child.traceId()).isEqualTo(root.traceId());
    assertThat(child.spanId()).isNotEqualTo(root.spanId());
    assertThat(TraceParent.parse(child.header())).contains(child);
  }
}
