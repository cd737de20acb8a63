package io.tributary.paimon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code checkTable} refuses exactly what {@code ensureTable} would, reading only: the Flink runner asks it in its
 * decision operator (a writer that is never opened) before the target's writer subtask evolves the table.
 */
class CheckTableTest {

  @TempDir Path dir;

  static final Column ID = Column.of("id", DataType.intType().notNull());

  static TargetTable table(Column... columns) {
    return new TargetTable("c", List.of(columns), List.of("id"));
  }

  @Test
  void refusesWhatEnsureTableRefuses_acceptsTheRest_changesNothing_withoutOpen() throws Exception {
    TargetTable stored = table(ID, Column.of("t", DataType.time(0)), Column.of("s", DataType.varchar(40)),
        Column.of("n", DataType.intType()));
    try (PaimonWriter owner = PaimonWriter.builder().warehouse(dir).database("db").buckets(1).build()) {
      owner.open(new WriterContext("owner", 0, null));
      owner.ensureTable(stored);
    }
    try (PaimonWriter checker = PaimonWriter.builder().warehouse(dir).database("db").buckets(1).build();
         PaimonTables paimon = new PaimonTables(dir, "db")) {
      // Refused: a TIME Paimon stores in milliseconds asked to hold microseconds, a narrowing, another key.
      assertThatThrownBy(() -> checker.checkTable(table(ID, Column.of("t", DataType.time(6)),
          Column.of("s", DataType.varchar(40)), Column.of("n", DataType.intType())), Map.of()))
          .isInstanceOf(SchemaIncompatibleException.class).hasMessageContaining("cannot hold TIME(6)");
      assertThatThrownBy(() -> checker.checkTable(table(ID, Column.of("t", DataType.time(0)),
          Column.of("s", DataType.varchar(10)), Column.of("n", DataType.intType())), Map.of()))
          .isInstanceOf(SchemaIncompatibleException.class).hasMessageContaining("invalid modify column");
      assertThatThrownBy(() -> checker.checkTable(new TargetTable("c", stored.columns(), List.of("id", "n")),
          Map.of())).isInstanceOf(SchemaIncompatibleException.class).hasMessageContaining("pk column different");
      // Accepted: an added column, a widening, a rename (checked against the renamed stored column), a new table.
      assertThatCode(() -> checker.checkTable(table(ID, Column.of("t", DataType.time(0)),
          Column.of("label", DataType.varchar(60)), Column.of("n", DataType.bigint()),
          Column.of("x", DataType.intType())), Map.of("label", "s"))).doesNotThrowAnyException();
      assertThatThrownBy(() -> checker.checkTable(table(ID, Column.of("t", DataType.time(0)),
          Column.of("label", DataType.varchar(5)), Column.of("n", DataType.intType())), Map.of("label", "s")))
          .as("a renamed column narrowed").isInstanceOf(SchemaIncompatibleException.class);
      assertThatCode(() -> checker.checkTable(new TargetTable("fresh", stored.columns(), List.of("id")), Map.of()))
          .doesNotThrowAnyException();
      assertThat(paimon.table("c").rowType().getFieldNames()).as("nothing changed").containsExactly("id", "t", "s",
          "n");
    }
  }
}
