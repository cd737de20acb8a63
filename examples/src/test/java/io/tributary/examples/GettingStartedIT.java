package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.paimon.PaimonTableReader;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.TablePhase;
import io.tributary.sync.event.Column;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's getting-started pipelines, run against real servers into real Paimon tables, read back row for row;
 * and the README must show exactly the code {@link GettingStarted} compiles, so neither can drift from the other.
 */
class GettingStartedIT {

  @TempDir
  Path dir;

  @Test
  void mySqlToPaimon_syncsEveryTableOfTheDatabase() throws Exception {
    try (ExampleMariaDb db = ExampleMariaDb.start()) {
      db.execute("DROP DATABASE IF EXISTS shop", "CREATE DATABASE shop",
          "CREATE TABLE shop.orders (id BIGINT PRIMARY KEY, customer VARCHAR(40), total DECIMAL(10,2))",
          "CREATE TABLE shop.customers (id INT PRIMARY KEY, name VARCHAR(40))",
          "INSERT INTO shop.orders SELECT seq, CONCAT('c', seq % 17), seq * 1.25 FROM shop.seq_1_to_300",
          "INSERT INTO shop.customers SELECT seq, CONCAT('name ', seq) FROM shop.seq_1_to_17");
      PipelineStatus status = GettingStarted.mySqlToPaimon(db.host, db.port, db.user, db.password,
          dir.resolve("warehouse"), dir.resolve("checkpoints"));
      assertThat(status.tables()).extracting(PipelineStatus.TableStatus::phase)
          .containsOnly(TablePhase.STREAMING).hasSize(2);
      try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
        for (String table : List.of("orders", "customers")) {
          List<String> columns = lake.columns(table).stream().map(Column::name).toList();
          assertThat(lake.read(table).stream().map(ExampleChecks::values).toList())
              .as(table).containsExactlyInAnyOrderElementsOf(db.rows("shop." + table, columns, Map.of()));
        }
      }
    }
  }

  @Test
  void postgresToPaimon_syncsEveryTableOfTheSchema() throws Exception {
    try (QuickstartDatabase db = QuickstartDatabase.start()) {
      try (Connection c = db.connect(); Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS public.items");
        s.execute("CREATE TABLE public.items (id bigint PRIMARY KEY, name text, price numeric(10,2))");
        s.execute("ALTER TABLE public.items REPLICA IDENTITY FULL"); // the preflight asks for it (TOAST-able columns)
        s.execute("INSERT INTO public.items SELECT g, 'item ' || g, g * 0.5 FROM generate_series(1, 250) g");
      }
      PipelineStatus status = GettingStarted.postgresToPaimon(db.host, db.port, db.database, db.user, db.password,
          dir.resolve("warehouse"), dir.resolve("checkpoints"));
      assertThat(status.tables()).extracting(PipelineStatus.TableStatus::phase).containsOnly(TablePhase.STREAMING);
      List<List<Object>> source = new ArrayList<>();
      try (Connection c = db.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id, name, price FROM public.items")) {
        while (rs.next()) {
          source.add(Arrays.asList(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3)));
        }
      }
      try (PaimonTableReader lake = PaimonTableReader.open(dir.resolve("warehouse"), "lake")) {
        assertThat(lake.read("items").stream().map(ExampleChecks::values).toList())
            .containsExactlyInAnyOrderElementsOf(source);
      }
    }
  }

  @Test
  void readme_showsExactlyTheCompiledCode() throws Exception {
    String readme = normalized(Files.readString(Path.of("..", "README.md")));
    String code = Files.readString(Path.of("src/main/java/io/tributary/examples/GettingStarted.java"));
    for (String part : List.of("mysql", "postgres")) {
      String start = "// README:" + part + ":start";
      String snippet = code.substring(code.indexOf(start) + start.length(), code.indexOf("// README:" + part + ":end"));
      assertThat(readme).as("README shows GettingStarted's %s code", part).contains(normalized(snippet));
    }
  }

  /** Lines trimmed and joined: indentation may differ between the README and the method body. */
  private static String normalized(String text) {
    return String.join("\n", text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
  }
}
