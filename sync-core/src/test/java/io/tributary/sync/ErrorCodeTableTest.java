package io.tributary.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's error table is {@link ErrorCode} rendered: this test fails when they differ. To update the README
 * after changing the enum, run it with {@code -Dtributary.writeReadme=true}.
 */
class ErrorCodeTableTest {

  private static final String BEGIN = "<!-- error-codes:begin (generated from ErrorCode by ErrorCodeTableTest) -->";
  private static final String END = "<!-- error-codes:end -->";

  @Test
  void readmeErrorTable_isTheEnumRendered() throws IOException {
    Path readme = Path.of("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertThat(begin).as("README.md has the markers %s ... %s", BEGIN, END).isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String current = text.substring(begin + BEGIN.length(), end);
    String wanted = "\n" + table();
    if (!current.equals(wanted) && Boolean.getBoolean("tributary.writeReadme")) {
      Files.writeString(readme, text.substring(0, begin + BEGIN.length()) + wanted + text.substring(end),
          StandardCharsets.UTF_8);
      return;
    }
    assertThat(current).as("README error table; regenerate with -Dtributary.writeReadme=true").isEqualTo(wanted);
  }

  @Test
  void retriable_isExactlyTheRetriedAction() {
    for (ErrorCode c : ErrorCode.values()) {
      assertThat(c.retriable()).as("%s", c).isEqualTo(c.action() == ErrorCode.Action.RETRIED);
      assertThat(SyncException.of(c, "m", null).isRetriable()).as("%s", c).isEqualTo(c.retriable());
      assertThat(c.cause()).isNotBlank();
      assertThat(c.fix()).isNotBlank();
    }
  }

  static String table() {
    StringBuilder sb = new StringBuilder("| Code | What happens | Cause | Fix |\n| --- | --- | --- | --- |\n");
    for (ErrorCode c : ErrorCode.values()) {
      sb.append("| `").append(c.name()).append("` | ").append(action(c.action())).append(" | ")
          .append(cell(c.cause())).append(" | ").append(cell(c.fix())).append(" |\n");
    }
    return sb.toString();
  }

  private static String action(ErrorCode.Action a) {
    return switch (a) {
      case RETRIED -> "retried automatically (failover)";
      case OPERATOR -> "pipeline fails: needs the operator";
      case TABLE_STOPPED -> "table stopped, others go on";
      case PIPELINE_FAILED -> "pipeline failed";
      case CALL_REFUSED -> "only the call is refused; the pipeline goes on";
    };
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }
}
