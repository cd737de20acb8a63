package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.DataType;
import io.tributary.sync.event.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlParserTest {

  private static final TableId ID = TableId.of("s", "db", "t");

  private static MySqlTable table() {
    return MySqlTable.of(ID, List.of(ColumnTypes.map("id", "int", null, false),
        ColumnTypes.map("a", "varchar(10)", "utf8mb4", true)), List.of("id"));
  }

  @Test
  void alteredTable_qualifiedQuotedOrDefaultDatabase_isFound() {
    assertThat(DdlParser.alteredTable("ALTER TABLE `db`.`t` ADD c INT", "s", "other")).contains(ID);
    assertThat(DdlParser.alteredTable("/* x */ alter online table t drop a", "s", "db")).contains(ID);
    assertThat(DdlParser.alteredTable("CREATE TABLE t (id int)", "s", "db")).isEmpty();
    assertThat(DdlParser.alteredTable("INSERT INTO t VALUES (1)", "s", "db")).isEmpty();
  }

  @Test
  void addColumns_withPositionsAndTypes_changeLayout() {
    MySqlTable t = DdlParser.apply(table(), "ALTER TABLE t ADD COLUMN b DECIMAL(10, 2) UNSIGNED NOT NULL "
        + "DEFAULT '1.00' COMMENT 'first, really' FIRST, ADD c ENUM('x','y') AFTER id, ADD (d TEXT, e BIT(1))");
    assertThat(t.schema().columnNames()).containsExactly("b", "id", "c", "a", "d", "e");
    assertThat(t.schema().column("b").orElseThrow().type()).isEqualTo(DataType.decimal(10, 2).notNull());
    assertThat(t.columns().get(2).members()).containsExactly("x", "y");
    assertThat(t.schema().column("e").orElseThrow().type()).isEqualTo(DataType.booleanType());
  }

  @Test
  void dropModifyChangeRename_andKeyChanges_areApplied() {
    MySqlTable t = DdlParser.apply(table(), "ALTER TABLE t MODIFY a BIGINT UNSIGNED, ADD INDEX ix (a), "
        + "CHANGE COLUMN a a2 INT NOT NULL AFTER id, RENAME COLUMN a2 TO a3, ADD z INT, DROP COLUMN z, "
        + "DROP PRIMARY KEY, ADD PRIMARY KEY (id, a3)");
    assertThat(t.schema().columnNames()).containsExactly("id", "a3");
    assertThat(t.schema().column("a3").orElseThrow().type()).isEqualTo(DataType.intType().notNull());
    assertThat(t.schema().primaryKey()).containsExactly("id", "a3");
  }

  @Test
  void replayedDdl_alreadyReflected_isHarmless() {
    MySqlTable t = DdlParser.apply(table(), "ALTER TABLE t ADD COLUMN a VARCHAR(99), DROP COLUMN nope");
    assertThat(t).isEqualTo(table());
  }

  @Test
  void createTable_withKeysOptionsAndCharset_givesLayout() {
    String sql = "CREATE TABLE IF NOT EXISTS db.t (`id` bigint(20) unsigned NOT NULL AUTO_INCREMENT, "
        + "name varchar(30) DEFAULT NULL, amount decimal(8,3), PRIMARY KEY (`id`), KEY ix (name(10)), "
        + "CONSTRAINT fk FOREIGN KEY (amount) REFERENCES o (x)) ENGINE=InnoDB DEFAULT CHARSET=latin1";
    assertThat(DdlParser.createdTable(sql, "s", "x")).contains(ID);
    MySqlTable t = DdlParser.create(ID, sql).orElseThrow();
    assertThat(t.schema().columnNames()).containsExactly("id", "name", "amount");
    assertThat(t.schema().primaryKey()).containsExactly("id");
    assertThat(t.schema().column("id").orElseThrow().type()).isEqualTo(DataType.decimal(20, 0).notNull());
    assertThat(t.columns().get(1).charset().name()).isEqualTo("windows-1252");
    assertThat(DdlParser.create(ID, "CREATE TABLE t LIKE u")).isEmpty();
  }
}
