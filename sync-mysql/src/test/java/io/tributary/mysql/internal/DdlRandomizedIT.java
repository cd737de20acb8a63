package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.mysql.MySqlTestServer;
import io.tributary.sync.event.TableId;
import io.tributary.sync.testing.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random multi-clause ALTER TABLE statements (adds, drops, modifies, changes, renames and moves, key and charset
 * changes, mixed in one statement) run on the server; after each one the server accepts, the tracked layout must
 * equal what discovery reads. Statements the server rejects change nothing and are skipped. Re-run a failure with
 * {@code -Dddl.seed=<seed>}.
 */
class DdlRandomizedIT {

  private static final String DB = "ddl_random_it";
  private static final List<String> TYPES = List.of("INT", "BIGINT UNSIGNED", "VARCHAR(12)",
      "VARCHAR(7) CHARACTER SET utf8mb4", "TEXT", "DECIMAL(10,2)", "TINYINT ZEROFILL", "DATETIME(3)",
      "ENUM('a','b')", "CHAR(3) COLLATE latin1_bin", "DOUBLE", "JSON", "NATIONAL VARCHAR(5)", "SMALLINT NOT NULL",
      "MEDIUMTEXT COLLATE utf8mb4_bin", "SET('x','y') NOT NULL", "BIT(3)", "YEAR", "VARBINARY(9)");

  @Test
  void randomAlters_trackTheServersLayout() throws Exception {
    long seed = Long.getLong("ddl.seed", System.nanoTime());
    System.out.println("DdlRandomizedIT seed " + seed + " (re-run with -Dddl.seed=" + seed + ")");
    Random random = new Random(seed);
    TestServer s = MySqlTestServer.get();
    MySqlConfig config = new MySqlConfig("src", s.host(), s.port(), s.user(), s.password(),
        List.of(Pattern.compile(DB)), List.of(), List.of(), List.of(), null, 5400, 5499, 1000, 1,
        Duration.ofSeconds(10), Duration.ofSeconds(1), 100, Map.of());
    boolean mariaDb = MySqlTestServer.isMariaDb();
    TableId id = TableId.of("src", DB, "t");
    int applied = 0;
    try (Jdbc jdbc = new Jdbc(config); Connection c = MySqlTestServer.connect(); Statement st = c.createStatement()) {
      SchemaReader reader = new SchemaReader(config, jdbc);
      st.execute("DROP DATABASE IF EXISTS " + DB);
      st.execute("CREATE DATABASE " + DB + " CHARACTER SET latin1");
      st.execute("CREATE TABLE " + DB + ".t (id INT PRIMARY KEY, c0 INT, c1 VARCHAR(5))");
      MySqlTable tracked = reader.read(List.of(DB)).get(id);
      for (int i = 0; i < 80; i++) {
        String sql = "ALTER TABLE " + DB + ".t " + clauses(random, tracked.schema().columnNames(), i);
        try {
          st.execute(sql);
        } catch (SQLException rejected) {
          continue;
        }
        applied++;
        tracked = DdlParser.alter(tracked, sql, mariaDb).table();
        assertThat(tracked).as("seed %d, after %s", seed, sql).isEqualTo(reader.read(List.of(DB)).get(id));
      }
    }
    System.out.println("DdlRandomizedIT seed " + seed + ": " + applied + " of 80 statements accepted and checked");
    assertThat(applied).as("statements the server accepted (seed %d)", seed).isGreaterThan(20);
  }

  /** One to four clauses over the current columns; each original column is named by at most one of them. */
  private static String clauses(Random random, List<String> columns, int round) {
    List<String> free = new ArrayList<>(columns);
    List<String> out = new ArrayList<>();
    int n = 1 + random.nextInt(4);
    for (int k = 0; k < n; k++) {
      String fresh = "n" + round + "_" + k;
      String pick = free.isEmpty() ? null : free.get(random.nextInt(free.size()));
      String type = TYPES.get(random.nextInt(TYPES.size()));
      String anyName = columns.get(random.nextInt(columns.size()));
      String position = switch (random.nextInt(4)) {
        case 0 -> " FIRST";
        case 1 -> " AFTER " + (random.nextBoolean() ? anyName : anyName.toUpperCase());
        default -> "";
      };
      int op = random.nextInt(pick == null ? 1 : 12);
      if (op >= 1 && op <= 5) {
        free.remove(pick);
      }
      String named = pick != null && random.nextInt(5) == 0 ? pick.toUpperCase() : pick;
      out.add(switch (op) {
        case 0 -> "ADD COLUMN " + fresh + " " + type + position;
        case 1 -> "DROP COLUMN " + named;
        case 2 -> "MODIFY " + named + " " + type + position;
        case 3 -> "CHANGE " + named + " " + fresh + " " + type + position;
        case 4 -> "RENAME COLUMN " + named + " TO " + fresh;
        case 5 -> "CHANGE COLUMN " + named + " " + named + " " + type + position;
        case 6 -> "DROP PRIMARY KEY, ADD PRIMARY KEY (" + anyName + ")";
        case 7 -> random.nextBoolean() ? "CONVERT TO CHARACTER SET " + (random.nextBoolean() ? "utf8mb4" : "latin1")
            : "DEFAULT CHARSET = " + (random.nextBoolean() ? "utf8mb4" : "latin1");
        case 8 -> "ADD INDEX ix_" + fresh + " (" + anyName + ")";
        case 9 -> random.nextBoolean() ? "DROP PRIMARY KEY"
            : "ADD PRIMARY KEY (" + anyName + ", " + columns.get(random.nextInt(columns.size())) + ")";
        case 10 -> "ADD (" + fresh + "a " + type + ", " + fresh + "b INT NOT NULL)";
        default -> "ALTER COLUMN " + anyName + " SET DEFAULT NULL";
      });
    }
    return String.join(", ", out);
  }
}
