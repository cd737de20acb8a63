package io.tributary.sync.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.SchemaDiff.ColumnAdded;
import io.tributary.sync.event.SchemaDiff.ColumnDropped;
import io.tributary.sync.event.SchemaDiff.ColumnRenamed;
import io.tributary.sync.event.SchemaDiff.ColumnTypeChanged;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaDiffRenameTest {

  private final TableId id = TableId.of("s", "db", "t");
  private final TableSchema base = TableSchema.builder(id).primaryKey("id", DataType.bigint())
      .column("a", DataType.intType()).column("b", DataType.intType()).build();

  @Test
  void withoutRenames_aRenameIsADropAndAnAdd() {
    TableSchema after = TableSchema.builder(id).primaryKey("id", DataType.bigint())
        .column("x", DataType.intType()).column("b", DataType.intType()).build();
    assertThat(SchemaDiff.between(base, after).changes()).containsExactly(
        new ColumnDropped(Column.of("a", DataType.intType())), new ColumnAdded(Column.of("x", DataType.intType())));
    assertThat(SchemaDiff.between(base, after, Map.of("x", "a")).changes())
        .containsExactly(new ColumnRenamed("a", "x"));
  }

  @Test
  void renameWithTypeChange_isARenameAndATypeChangeUnderTheNewName() {
    TableSchema after = TableSchema.builder(id).primaryKey("id", DataType.bigint())
        .column("x", DataType.bigint()).column("b", DataType.intType()).build();
    SchemaDiff diff = SchemaDiff.between(base, after, Map.of("x", "a"));
    assertThat(diff.changes()).containsExactly(new ColumnRenamed("a", "x"),
        new ColumnTypeChanged("x", DataType.intType(), DataType.bigint()));
    assertThat(diff.incompatibility()).isEmpty();
  }

  @Test
  void swap_isTwoRenames_notMovesOrTypeChanges() {
    TableSchema after = TableSchema.builder(id).primaryKey("id", DataType.bigint())
        .column("b", DataType.intType()).column("a", DataType.intType()).build();
    assertThat(SchemaDiff.between(base, after, Map.of("a", "b", "b", "a")).changes())
        .containsExactlyInAnyOrder(new ColumnRenamed("b", "a"), new ColumnRenamed("a", "b"));
    assertThat(SchemaDiff.between(base, after).changes()).hasSize(1); // by name: b moved before a
  }

  @Test
  void renameAway_thenAddTheOldName_isANewColumn() {
    TableSchema after = TableSchema.builder(id).primaryKey("id", DataType.bigint())
        .column("x", DataType.intType()).column("b", DataType.intType()).column("a", DataType.varchar(5)).build();
    assertThat(SchemaDiff.between(base, after, Map.of("x", "a")).changes()).containsExactly(
        new ColumnRenamed("a", "x"), new ColumnAdded(Column.of("a", DataType.varchar(5))));
  }

  @Test
  void renamedKeyColumn_isCompatible_butCountsAsAKeyChange() {
    TableSchema after = TableSchema.builder(id).primaryKey("pk", DataType.bigint())
        .column("a", DataType.intType()).column("b", DataType.intType()).build();
    SchemaDiff renamed = SchemaDiff.between(base, after, Map.of("pk", "id"));
    assertThat(renamed.incompatibility()).isEmpty();
    assertThat(renamed.keyChanged()).isTrue(); // an IGNOREd rename must stop the table
    assertThat(SchemaDiff.between(base, after).incompatibility()).get().asString()
        .startsWith(SchemaDiff.PK_COLUMN_DIFFERENT);
  }

  @Test
  void renameNamingUnknownColumns_isIgnored() {
    assertThat(SchemaDiff.between(base, base, Map.of("a", "zz")).isEmpty()).isTrue();
  }
}
