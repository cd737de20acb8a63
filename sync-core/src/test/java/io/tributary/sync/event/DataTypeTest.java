package io.tributary.sync.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataTypeTest {

  @Test
  void widening_isLosslessOnly() {
    assertThat(DataType.intType().widensLosslesslyTo(DataType.bigint())).isTrue();
    assertThat(DataType.bigint().widensLosslesslyTo(DataType.intType())).isFalse();
    assertThat(DataType.intType().widensLosslesslyTo(DataType.decimal(10, 0))).isTrue();
    assertThat(DataType.intType().widensLosslesslyTo(DataType.decimal(9, 0))).isFalse();
    assertThat(DataType.bigint().widensLosslesslyTo(DataType.decimal(20, 0))).isTrue();
    assertThat(DataType.floatType().widensLosslesslyTo(DataType.doubleType())).isTrue();
    assertThat(DataType.intType().widensLosslesslyTo(DataType.doubleType())).isFalse(); // manual: int->double invalid
    assertThat(DataType.varchar(10).widensLosslesslyTo(DataType.varchar(20))).isTrue();
    assertThat(DataType.varchar(20).widensLosslesslyTo(DataType.varchar(10))).isFalse();
    assertThat(DataType.decimal(10, 2).widensLosslesslyTo(DataType.decimal(12, 4))).isTrue();
    assertThat(DataType.decimal(10, 2).widensLosslesslyTo(DataType.decimal(12, 1))).isFalse();
    assertThat(DataType.timestamp(3).widensLosslesslyTo(DataType.timestamp(6))).isTrue();
  }

  @Test
  void commonWidening_mergesShardTypes_orReportsNone() {
    assertThat(DataType.commonWidening(DataType.intType(), DataType.bigint())).contains(DataType.bigint());
    assertThat(DataType.commonWidening(DataType.bigint(), DataType.decimal(10, 2)))
        .contains(DataType.decimal(21, 2));
    assertThat(DataType.commonWidening(DataType.varchar(5), DataType.charType(9))).contains(DataType.varchar(9));
    assertThat(DataType.commonWidening(DataType.intType(), DataType.varchar(5))).isEmpty();
    assertThat(DataType.commonWidening(DataType.intType().notNull(), DataType.bigint().notNull()))
        .contains(DataType.bigint().notNull());
  }

  @Test
  void invalidDecimal_isRejectedWithTheValue() {
    assertThatThrownBy(() -> DataType.decimal(40, 2)).hasMessageContaining("DECIMAL(40,2)");
  }

  @Test
  void schemaDiff_namesTheManualsReasons() {
    TableId id = TableId.of("s", "d", "t");
    TableSchema base = TableSchema.builder(id).primaryKey("id", DataType.bigint()).column("v", DataType.intType())
        .build();
    assertThat(SchemaDiff.between(base, TableSchema.builder(id).primaryKey("id", DataType.bigint())
        .column("v", DataType.intType()).column("w", DataType.string()).build()).incompatibility()).isEmpty();
    assertThat(SchemaDiff.between(base, TableSchema.builder(id).primaryKey("id", DataType.varchar(20))
        .column("v", DataType.intType()).build()).incompatibility()).get().asString()
        .startsWith(SchemaDiff.PK_COLUMN_TYPE_MISMATCH);
    assertThat(SchemaDiff.between(base, TableSchema.builder(id).primaryKey("id", DataType.bigint())
        .primaryKey("v", DataType.intType()).build()).incompatibility()).get().asString()
        .startsWith(SchemaDiff.PK_COLUMN_DIFFERENT);
    assertThat(SchemaDiff.between(base, TableSchema.builder(id).primaryKey("id", DataType.bigint())
        .column("v", DataType.doubleType()).build()).incompatibility()).get().asString()
        .startsWith(SchemaDiff.INVALID_MODIFY_COLUMN);
    assertThat(SchemaDiff.between(base, TableSchema.builder(id).primaryKey("id", DataType.bigint())
        .column("v", DataType.bigint()).build()).incompatibility()).isEmpty();
  }
}
