package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.mysql.MySqlTestServer;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.TableId;
import io.tributary.sync.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each statement is run on the server, applied to the tracked layout, and the result compared with what discovery
 * reads from the server's information_schema afterwards: names, order, types, decoding facts (charset, signedness),
 * primary key and the table's default charset must all agree.
 */
class DdlTrackingIT {

  private static final String DB = "ddl_track_it";

  private static Jdbc jdbc;
  private static SchemaReader reader;
  private static boolean mariaDb;

  @BeforeAll
  static void connect() {
    TestServer s = MySqlTestServer.get();
    MySqlConfig config = new MySqlConfig("src", s.host(), s.port(), s.user(), s.password(),
        List.of(Pattern.compile(DB)), List.of(), List.of(), List.of(), null, 5400, 5499, 1000, 1,
        Duration.ofSeconds(10), Duration.ofSeconds(1), 100, Map.of());
    jdbc = new Jdbc(config);
    reader = new SchemaReader(config, jdbc);
    mariaDb = MySqlTestServer.isMariaDb();
  }

  @AfterAll
  static void close() {
    jdbc.close();
  }

  private static TableId id(String table) {
    return TableId.of("src", DB, table);
  }

  private static MySqlTable server(String table) {
    return reader.read(List.of(DB)).get(id(table));
  }

  /** Creates the tables, then runs each ALTER and checks the tracked layout against the server after each. */
  static MySqlTable check(String create, String... alters) {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB + " CHARACTER SET latin1",
        "USE " + DB, create);
    String table = DdlParser.createdTable(create, "src", DB).orElseThrow().table();
    MySqlTable tracked = server(table);
    for (String alter : alters) {
      MySqlTestServer.execute("USE " + DB, alter);
      if (DdlParser.alteredTable(alter, "src", DB).isEmpty()) {
        continue; // another table's set-up
      }
      DdlParser.Altered a = DdlParser.alter(tracked, alter, mariaDb);
      assertThat(a.rowsChangedBy()).as("rows changed by %s", alter).isNull();
      tracked = a.table();
      assertThat(tracked).as("after %s", alter).isEqualTo(server(table));
    }
    return tracked;
  }

  @Test
  void primaryKeyChanges_trackTheServersKey() {
    String create = "CREATE TABLE t (id INT NOT NULL, a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (id))";
    assertThat(check(create, "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (a, b)").schema().primaryKey())
        .containsExactly("a", "b");
    assertThat(check(create, "ALTER TABLE t DROP PRIMARY KEY").schema().primaryKey()).isEmpty();
    String keyless = "CREATE TABLE t (id INT NOT NULL, a INT)";
    for (String add : List.of("ADD PRIMARY KEY pk_name (id)", "ADD CONSTRAINT pk PRIMARY KEY (id)",
        either("ADD PRIMARY KEY IF NOT EXISTS (id)", "ADD PRIMARY KEY (id)"), "ADD PRIMARY KEY USING BTREE (id)")) {
      assertThat(check(keyless, "ALTER TABLE t " + add).schema().primaryKey()).as(add).containsExactly("id");
    }
    check(create, "ALTER TABLE t DROP INDEX `PRIMARY`", "ALTER TABLE t ADD CONSTRAINT PRIMARY KEY (b, id)");
  }

  @Test
  void keyColumnNames_areCaseInsensitive() {
    MySqlTable t = check("CREATE TABLE t (id INT PRIMARY KEY, a INT)", "ALTER TABLE t MODIFY ID INT",
        "ALTER TABLE t CHANGE A a BIGINT, CHANGE iD Id INT");
    assertThat(t.schema().primaryKey()).containsExactly("Id");
  }

  @Test
  void columnMoves_followTheServer() {
    check("CREATE TABLE t (id INT PRIMARY KEY, f1 INT, f2 INT, f3 INT, c2 INT)",
        "ALTER TABLE t MODIFY COLUMN f3 INT AFTER f1", "ALTER TABLE t MODIFY f2 INT FIRST",
        "ALTER TABLE t CHANGE c2 c2 INT NOT NULL AFTER id",
        "ALTER TABLE t ADD x INT FIRST, ADD y INT AFTER x, MODIFY f1 BIGINT AFTER y, ADD z INT",
        "ALTER TABLE t CHANGE COLUMN f1 g1 BIGINT AFTER z, ADD h INT AFTER g1");
  }

  @Test
  void multiClauseAlter_namesTheOriginalColumns() {
    MySqlTable t = check("CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(5), c BIGINT, d DATE)",
        "ALTER TABLE t CHANGE COLUMN a b INT, RENAME COLUMN b TO c, CHANGE COLUMN c d FLOAT, DROP COLUMN d",
        "ALTER TABLE t RENAME COLUMN b TO d, RENAME COLUMN d TO b");
    assertThat(t.schema().columnNames()).containsExactly("id", "d", "c", "b");
    MySqlTable chain = check("CREATE TABLE t (id INT PRIMARY KEY, a INT, b VARCHAR(5), c BIGINT)",
        "ALTER TABLE t CHANGE COLUMN a b INT, RENAME COLUMN b TO c, CHANGE COLUMN c d FLOAT");
    assertThat(chain.schema().columnNames()).containsExactly("id", "b", "c", "d");
    check("CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT)",
        "ALTER TABLE t DROP COLUMN a, ADD COLUMN a VARCHAR(3) AFTER id, CHANGE b c INT FIRST",
        "ALTER TABLE t ADD INDEX ix (a2), CHANGE COLUMN a a2 INT NOT NULL FIRST, ADD z INT AFTER a2, "
            + "DROP PRIMARY KEY, ADD PRIMARY KEY (id, a2)");
  }

  @Test
  void textColumns_takeTheTablesDefaultCharset_orTheirCollations() {
    MySqlTable t = check("CREATE TABLE t (id INT PRIMARY KEY, a VARCHAR(10) CHARACTER SET utf8mb4)",
        "ALTER TABLE t ADD b VARCHAR(10), ADD c TEXT COLLATE utf8mb4_bin, ADD d CHAR(3), ADD e ENUM('x', 'y')",
        "ALTER TABLE t MODIFY a VARCHAR(12)",
        "ALTER TABLE t DEFAULT CHARACTER SET = utf8mb4", "ALTER TABLE t ADD f VARCHAR(4)",
        "ALTER TABLE t ENGINE=InnoDB CHARACTER SET latin1 COLLATE latin1_bin, ADD g TINYTEXT",
        "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4", "ALTER TABLE t ADD h VARCHAR(3), COLLATE latin1_general_ci",
        "ALTER TABLE t CONVERT TO CHARACTER SET latin1 COLLATE latin1_german1_ci",
        "ALTER TABLE t ADD i CHAR(4) CHARACTER SET binary, ADD j VARCHAR(4) CHARSET binary",
        "ALTER TABLE t ADD k VARCHAR(7) CHARACTER SET utf8mb4, CONVERT TO CHARACTER SET latin1");
    assertThat(t.charset()).isEqualTo("latin1");
  }

  @Test
  void zerofill_isUnsigned() {
    MySqlTable t = check("CREATE TABLE t (id INT PRIMARY KEY, c1 TINYINT, c2 INT UNSIGNED)",
        "ALTER TABLE t MODIFY c1 TINYINT ZEROFILL", "ALTER TABLE t MODIFY c2 INT UNSIGNED ZEROFILL",
        "ALTER TABLE t MODIFY c2 INT(8) ZEROFILL");
    assertThat(t.schema().column("c1").orElseThrow().type()).isEqualTo(DataType.smallint());
  }

  @Test
  void indexesConstraintsAndChecks_leaveTheLayout() {
    check("CREATE TABLE t (id INT PRIMARY KEY, b INT, c INT, txt TEXT, g GEOMETRY NOT NULL)",
        "CREATE TABLE p (a INT PRIMARY KEY)",
        "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (b) REFERENCES p(a)",
        "ALTER TABLE t ADD CONSTRAINT uc UNIQUE (c)", "ALTER TABLE t ADD CONSTRAINT CHECK (c > 0)",
        "ALTER TABLE t ADD CONSTRAINT UNIQUE KEY (c)", "ALTER TABLE t ADD UNIQUE INDEX ux (c, b)",
        "ALTER TABLE t ADD FULLTEXT INDEX ft (txt)", "ALTER TABLE t ADD SPATIAL INDEX sp (g)",
        either("ALTER TABLE t ADD INDEX IF NOT EXISTS ix (b), ADD KEY (c)", "ALTER TABLE t ADD INDEX ix (b), ADD KEY (c)"),
        "ALTER TABLE t ADD CONSTRAINT ck CHECK (b > 0)", "ALTER TABLE t DROP FOREIGN KEY fk",
        either("ALTER TABLE t DROP INDEX ux, DROP KEY IF EXISTS ix", "ALTER TABLE t DROP INDEX ux, DROP KEY ix"),
        "ALTER TABLE t DROP CONSTRAINT uc", "ALTER TABLE t DROP CONSTRAINT ck",
        "ALTER TABLE t ALTER COLUMN c SET DEFAULT 3, ALTER b DROP DEFAULT, RENAME INDEX c TO c2",
        "ALTER TABLE t COMMENT 'add column x int', AUTO_INCREMENT = 5, ROW_FORMAT=DYNAMIC, FORCE");
  }

  @Test
  void partitionMaintenance_leavesTheLayout() {
    check("CREATE TABLE t (id INT NOT NULL, y INT NOT NULL, PRIMARY KEY (id, y)) PARTITION BY RANGE (y) "
            + "(PARTITION p0 VALUES LESS THAN (1990), PARTITION p1 VALUES LESS THAN (2000))",
        "ALTER TABLE t ADD PARTITION (PARTITION p5 VALUES LESS THAN (2010))",
        "ALTER TABLE t REORGANIZE PARTITION p0, p1 INTO (PARTITION p01 VALUES LESS THAN (2000))",
        "ALTER TABLE t ANALYZE PARTITION p01, p5", "ALTER TABLE t CHECK PARTITION ALL",
        "ALTER TABLE t OPTIMIZE PARTITION p5", "ALTER TABLE t REBUILD PARTITION p01, p5",
        "ALTER TABLE t REPAIR PARTITION p5", "ALTER TABLE t PARTITION BY HASH (id) PARTITIONS 3",
        "ALTER TABLE t COALESCE PARTITION 1", "ALTER TABLE t REMOVE PARTITIONING",
        "ALTER TABLE t ADD COLUMN z INT, ALGORITHM=COPY, LOCK=SHARED");
  }

  @Test
  void partitionOperationsThatChangeRows_areReported() {
    String create = "CREATE TABLE t (id INT NOT NULL, y INT NOT NULL, PRIMARY KEY (id, y)) PARTITION BY RANGE (y) "
        + "(PARTITION p0 VALUES LESS THAN (1990), PARTITION p1 VALUES LESS THAN (2000), PARTITION p2 VALUES "
        + "LESS THAN MAXVALUE)";
    check(create, "CREATE TABLE x (id INT NOT NULL, y INT NOT NULL, PRIMARY KEY (id, y))");
    for (String op : List.of("TRUNCATE PARTITION p0, p1", "DROP PARTITION p0", "EXCHANGE PARTITION p2 WITH TABLE x",
        "TRUNCATE PARTITION ALL")) {
      String sql = "ALTER TABLE t " + op;
      MySqlTestServer.execute("USE " + DB, sql);
      assertThat(DdlParser.alter(server("t"), sql, mariaDb).rowsChangedBy()).as(sql).contains(op.split(" ")[0]);
    }
    assertThat(DdlParser.exchangedTable("ALTER TABLE t EXCHANGE PARTITION p2 WITH TABLE x", "src", DB))
        .contains(id("x"));
  }

  /** {@code mariaDb} on MariaDB, else {@code mySql}: the same change in each server's syntax. */
  private static String either(String mariaDb, String mySql) {
    return DdlTrackingIT.mariaDb ? mariaDb : mySql;
  }

  @Test
  void mariaDbAndMySqlSyntax_isUnderstood() {
    java.util.List<String> mariaOnly = mariaDb ? List.of(
        "ALTER TABLE t WAIT 100 ADD COLUMN w1 INT", "ALTER TABLE t NOWAIT ADD COLUMN w2 INT",
        "ALTER ONLINE TABLE t ADD COLUMN o INT", "ALTER IGNORE TABLE t ADD COLUMN i INT",
        "ALTER TABLE t ADD COLUMN IF NOT EXISTS a BIGINT, ADD COLUMN IF NOT EXISTS n INT",
        "ALTER TABLE t DROP COLUMN IF EXISTS nope, DROP COLUMN IF EXISTS n") : List.of();
    check("CREATE TABLE t (id INT PRIMARY KEY, a INT)", java.util.stream.Stream.concat(mariaOnly.stream(),
        java.util.stream.Stream.of(
        "ALTER TABLE t ALGORITHM=INPLACE, LOCK=NONE, ADD COLUMN l INT",
        "ALTER TABLE t ADD COLUMN s SERIAL", "ALTER TABLE t ADD COLUMN nv NATIONAL VARCHAR(10), ADD nc NCHAR(2), "
            + "ADD nv2 NVARCHAR(3), ADD ncv NATIONAL CHARACTER VARYING(4), ADD dp DOUBLE PRECISION",
        "ALTER TABLE t ADD COLUMN e1 INT /*!50100 , ADD COLUMN e2 INT */ /* , ADD COLUMN e3 INT */",
        "ALTER TABLE t ADD COLUMN doc JSON", "ALTER TABLE t ADD COLUMN lv LONG VARCHAR, ADD lb LONG VARBINARY",
        "ALTER TABLE t ADD COLUMN d1 INT DEFAULT (1 + 1) NOT NULL, ADD d2 INT NULL DEFAULT NULL COMMENT 'x', "
            + "ADD d3 TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, "
            + "ADD d4 INT CHECK (d4 IS NOT NULL OR d4 > 0), ADD d5 INT AS (a + 1) VIRTUAL, ADD k INT UNIQUE KEY"))
        .toArray(String[]::new));
  }

  @Test
  void createTable_givesTheLayoutDiscoveryReads() {
    for (String create : List.of(
        "CREATE TABLE t (id INT, a VARCHAR(5), b TEXT CHARACTER SET utf8mb4, CONSTRAINT pk PRIMARY KEY (id))",
        "CREATE TABLE t (id INT NOT NULL, a NCHAR(3), CONSTRAINT UNIQUE KEY (a), PRIMARY KEY pk_name USING BTREE "
            + "(id), CONSTRAINT ck CHECK (id > 0)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
        "CREATE TABLE t (id BIGINT UNSIGNED ZEROFILL KEY, doc JSON, s SERIAL, c CHAR(2) COLLATE latin1_bin) "
            + "COLLATE utf8mb4_general_ci",
        "CREATE TABLE t (id INT PRIMARY KEY, y INT) ENGINE=InnoDB PARTITION BY KEY (id) PARTITIONS 2")) {
      MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB + " CHARACTER SET latin1",
          "USE " + DB, create);
      assertThat(DdlParser.create(id("t"), create, mariaDb, "latin1")).as(create).contains(server("t"));
    }
  }
}
