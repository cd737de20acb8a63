package io.tributary.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything the corpus run found, collected so one run reports every failing statement, grouped by kind. */
final class CorpusFailures {

  /** One failure: the case, what kind of failure, and what was expected and found. */
  record Failure(DdlCorpus.Case c, String statement, String kind, String detail) {
  }

  private final List<Failure> failures = new ArrayList<>();
  private final Map<String, Integer> counts = new TreeMap<>();
  private final List<String> notes = new ArrayList<>();

  /** A failure of {@code statement} (null when it concerns the case's rows, after all its statements). */
  void fail(DdlCorpus.Case c, String statement, String kind, String detail) {
    failures.add(new Failure(c, statement, kind, detail));
  }

  /** Counts something that is not a failure (a statement the server refused, a resync that is right). */
  void count(String what) {
    counts.merge(what, 1, Integer::sum);
  }

  void note(String line) {
    notes.add(line);
  }

  boolean isEmpty() {
    return failures.isEmpty();
  }

  int size() {
    return failures.size();
  }

  String report() {
    StringBuilder sb = new StringBuilder();
    sb.append("DDL corpus: ").append(counts).append('\n');
    Map<String, List<Failure>> byKind = new TreeMap<>();
    failures.forEach(f -> byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f));
    byKind.forEach((k, l) -> sb.append("  ").append(l.size()).append(" x ").append(k).append('\n'));
    byKind.forEach((k, l) -> {
      sb.append("\n=== ").append(k).append(" (").append(l.size()).append(")\n");
      for (Failure f : l) {
        sb.append("- ").append(f.c()).append('\n');
        List<String> shown = f.statement() != null ? List.of(f.statement()) : f.c().ddl();
        for (String s : shown) {
          sb.append("    ddl: ").append(s.replace("\n", "\n         ")).append('\n');
        }
        sb.append("    ").append(f.detail().replace("\n", "\n    ")).append('\n');
      }
    });
    if (!notes.isEmpty()) {
      sb.append("\n=== notes (not failures)\n");
      notes.forEach(n -> sb.append("- ").append(n).append('\n'));
    }
    return sb.toString();
  }
}
