package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.SyncException;
import io.tributary.sync.event.DataType;
import org.junit.jupiter.api.Test;

class ColumnTypesTest {

  private static DataType type(String text) {
    return ColumnTypes.map("c", text, null, true).type();
  }

  @Test
  void integers_widenWhenUnsigned() {
    assertThat(type("tinyint(4)")).isEqualTo(DataType.tinyint());
    assertThat(type("tinyint(3) unsigned")).isEqualTo(DataType.smallint());
    assertThat(type("smallint unsigned zerofill")).isEqualTo(DataType.intType());
    assertThat(type("mediumint unsigned")).isEqualTo(DataType.intType());
    assertThat(type("int(10) unsigned")).isEqualTo(DataType.bigint());
    assertThat(type("bigint(20) unsigned")).isEqualTo(DataType.decimal(20, 0));
    assertThat(type("year(4)")).isEqualTo(DataType.smallint());
  }

  @Test
  void otherTypes_mapAsDocumented() {
    assertThat(type("decimal(65,30)")).isEqualTo(DataType.string());
    assertThat(type("bit(1)")).isEqualTo(DataType.booleanType());
    assertThat(type("bit(12)")).isEqualTo(DataType.binary(2));
    assertThat(type("datetime(3)")).isEqualTo(DataType.timestamp(3));
    assertThat(type("timestamp")).isEqualTo(DataType.timestampLtz(0));
    assertThat(type("enum('a','b,c')")).isEqualTo(DataType.string());
    assertThat(ColumnTypes.map("c", "set('a','it''s')", null, true).members()).containsExactly("a", "it's");
    assertThat(type("point")).isEqualTo(DataType.bytes());
    assertThat(type("float(30)")).isEqualTo(DataType.doubleType());
    assertThat(ColumnTypes.map("c", "int", null, false).type().nullable()).isFalse();
  }

  @Test
  void unknownType_failsNamingColumnAndFix() {
    assertThatThrownBy(() -> ColumnTypes.map("weird", "vector(3)", null, true))
        .isInstanceOf(SyncException.class).hasMessageContaining("weird").hasMessageContaining("exclude the table");
  }

  @Test
  void charsets_mapToJavaNames() {
    assertThat(ColumnTypes.charset("latin1").name()).isEqualTo("windows-1252");
    assertThat(ColumnTypes.charset("utf8mb3").name()).isEqualTo("UTF-8");
    assertThat(ColumnTypes.charset("gbk").name()).isEqualTo("GBK");
    assertThat(ColumnTypes.charset("no-such").name()).isEqualTo("UTF-8");
  }

  @Test
  void mariaDbFixedBinaryTypes_areStringsOfTheirWidestText() {
    assertThat(type("inet4")).isEqualTo(DataType.varchar(15));
    assertThat(type("inet6")).isEqualTo(DataType.varchar(39));
    assertThat(type("uuid")).isEqualTo(DataType.varchar(36));
  }

  @Test
  void mariaDbFixedBinaryTypes_inDdl_getTheDiscoveryMapping() {
    var id = io.tributary.sync.event.TableId.of("s", "db", "t");
    MySqlTable created = DdlParser.create(id, "CREATE TABLE t (u UUID NOT NULL PRIMARY KEY, ip INET6)").orElseThrow();
    assertThat(created.columns()).extracting(MySqlColumn::family)
        .containsExactly(MySqlColumn.Family.UUID, MySqlColumn.Family.INET6);
    MySqlTable altered = DdlParser.apply(created, "ALTER TABLE t ADD COLUMN v4 INET4 NULL AFTER u");
    assertThat(altered.schema().columnNames()).containsExactly("u", "v4", "ip");
    assertThat(altered.columns().get(1).family()).isEqualTo(MySqlColumn.Family.INET4);
    assertThat(altered.schema().columns().get(1).type()).isEqualTo(DataType.varchar(15));
  }

  @Test
  void undecodableColumnOfATable_namesTableColumnTypeAndBothExcludes() {
    var id = io.tributary.sync.event.TableId.of("src", "shop.eu", "items");
    assertThatThrownBy(() -> SchemaReader.map(id, "emb", "vector(3)", null, true))
        .isInstanceOf(SyncException.class)
        .hasMessageContaining("table shop.eu.items column emb has type vector(3)")
        .hasMessageContaining("SyncPipeline.builder().excludeTables(TableSelector.of(\"shop\\\\.eu\", \"items\"))")
        .hasMessageContaining("MySqlSource.builder().excludeTables(\"shop\\\\.eu\\\\.items\")");
  }
}
