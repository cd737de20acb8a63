package io.tributary.mysql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real-world DDL corpus under {@code src/test/resources/ddl-corpus}: files of cases, each
 *
 * <pre>
 * -- case: a name
 * -- origin: repository path [@ commit]
 * setup statements (CREATE TABLE with a primary key, ...);
 * -- ddl
 * statements under test;
 * </pre>
 *
 * Statements end with {@code ;} at the end of a line. Other {@code --} lines are comments (an adapted statement keeps
 * its original text in one). Each case runs in a database of its own, so statements name their tables unqualified.
 */
final class DdlCorpus {

  /** One case: setup, then the statements whose effect Tributary must track. */
  record Case(int index, String file, String name, String origin, List<String> setup, List<String> ddl) {
    String database() {
      return "ddlc_" + index;
    }

    @Override
    public String toString() {
      return file + " '" + name + "' (" + origin + ")";
    }
  }

  private DdlCorpus() {
  }

  static List<Case> load() {
    try {
      Path dir = Path.of(DdlCorpus.class.getResource("/ddl-corpus").toURI());
      List<Case> cases = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
          parse(f.getFileName().toString(), Files.readAllLines(f), cases);
        }
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void parse(String file, List<String> lines, List<Case> out) {
    String name = null;
    String origin = "";
    List<String> setup = new ArrayList<>();
    List<String> ddl = new ArrayList<>();
    List<String> target = setup;
    StringBuilder stmt = new StringBuilder();
    for (String line : lines) {
      String t = line.trim();
      if (t.startsWith("-- case:")) {
        if (name != null) {
          out.add(new Case(out.size() + 1, file, name, origin, setup, ddl));
        }
        name = t.substring(8).trim();
        setup = new ArrayList<>();
        ddl = new ArrayList<>();
        target = setup;
      } else if (t.startsWith("-- origin:")) {
        origin = t.substring(10).trim();
      } else if (t.equals("-- ddl")) {
        target = ddl;
      } else if (!t.startsWith("--") && !(t.isEmpty() && stmt.isEmpty())) {
        stmt.append(stmt.isEmpty() ? "" : "\n").append(line);
        if (t.endsWith(";")) {
          String s = stmt.toString().trim();
          target.add(s.substring(0, s.length() - 1).trim());
          stmt.setLength(0);
        }
      }
    }
    if (name != null) {
      out.add(new Case(out.size() + 1, file, name, origin, setup, ddl));
    }
  }
}
