package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableNeedsResync;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypesRoundTripIT {

  private static final String DB = "types_it";

  @Test
  void everyColumnType_snapshotAndBinlog_yieldIdenticalValues() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB + " CHARACTER SET utf8mb4",
        "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY, ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, "
            + "siu SMALLINT UNSIGNED, mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, "
            + "biu BIGINT UNSIGNED, d DECIMAL(12,3), d50 DECIMAL(50,10), f FLOAT, db DOUBLE, b1 BIT(1), b12 BIT(12), "
            + "c CHAR(5), vc VARCHAR(50), vcl VARCHAR(20) CHARACTER SET latin1, tx TEXT, bn BINARY(4), "
            + "vb VARBINARY(10), bl BLOB, dt DATE, tm TIME(3), dtm DATETIME(6), ts TIMESTAMP(6) NULL, yr YEAR, "
            + "js JSON, en ENUM('a','b','c'), st SET('x','y','z'), geo GEOMETRY)");
    try (MySqlSource source = Sources.builder(DB).build()) {
      TableSchema schema = source.discoverTables().get(0);
      assertThat(schema.column("biu").orElseThrow().type()).isEqualTo(DataType.decimal(20, 0));
      assertThat(schema.column("ts").orElseThrow().type()).isEqualTo(DataType.timestampLtz(6));
      try (LogStream log = source.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
        MySqlTestServer.execute("SET time_zone = '+05:30'", // proves no zone leaks into either path
            "INSERT INTO " + DB + ".t VALUES (1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, "
                + "4294967295, -9223372036854775808, 18446744073709551615, -123456789.123, "
                + "'1234567890123456789012345678901234567890.0123456789', 1.5, -2.25e100, b'1', b'101010101010', "
                + "'ab', 'h\u00e9llo \u20ac', 'caf\u00e9', 'text \u2713', 0x0102, 0x00ff, 0xdeadbeef, '2024-02-29', "
                + "'23:59:59.123', '1999-12-31 23:59:59.999999', '2038-01-19 03:14:07.499999', 2155, "
                + "'{\"a\": [1, 2]}', 'b', 'x,z', ST_GeomFromText('POINT(1 2)'))",
            "INSERT INTO " + DB + ".t (id) VALUES (2)",
            "INSERT INTO " + DB + ".t VALUES (3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, b'0', b'0', '', '', '', "
                + "'', '', '', '', '1000-01-01', '00:00:00', '1000-01-01 00:00:00', '1970-01-01 05:30:01', 1901, "
                + "'[]', 'a', '', NULL)");
        List<ChangeEvent> events = Sources.readUntil(log, Sources.atLeast(3), Duration.ofSeconds(20));
        List<Row> logged = events.stream().map(e -> ((RowChange) e).after()).toList();
        List<Row> snapshot = Chunks.readAll(source, schema, 2);

        assertThat(snapshot).hasSize(3);
        for (int r = 0; r < 3; r++) {
          for (int c = 0; c < schema.columnCount(); c++) {
            assertThat(logged.get(r).get(c)).as("row %d column %s", r, schema.columns().get(c).name())
                .isEqualTo(snapshot.get(r).get(c));
          }
        }
        assertThat(logged).isEqualTo(snapshot);
        Row row = snapshot.get(0);
        for (int c = 0; c < schema.columnCount(); c++) {
          DataType type = schema.columns().get(c).type();
          assertThat(row.get(c)).as("class of %s", schema.columns().get(c)).isInstanceOf(javaClass(type.kind()));
        }
        assertThat(row.get(schema.indexOf("ti"))).isEqualTo((byte) -128);
        assertThat(row.get(schema.indexOf("tiu"))).isEqualTo((short) 255);
        assertThat(row.get(schema.indexOf("miu"))).isEqualTo(16777215);
        assertThat(row.get(schema.indexOf("iu"))).isEqualTo(4294967295L);
        assertThat(row.get(schema.indexOf("biu"))).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(row.get(schema.indexOf("d"))).isEqualTo(new BigDecimal("-123456789.123"));
        assertThat(row.get(schema.indexOf("d50"))).isEqualTo("1234567890123456789012345678901234567890.0123456789");
        assertThat(row.get(schema.indexOf("f"))).isEqualTo(1.5f);
        assertThat(row.get(schema.indexOf("b1"))).isEqualTo(true);
        assertThat(row.get(schema.indexOf("b12"))).isEqualTo(new byte[] {0x0A, (byte) 0xAA});
        assertThat(row.get(schema.indexOf("vc"))).isEqualTo("h\u00e9llo \u20ac");
        assertThat(row.get(schema.indexOf("vcl"))).isEqualTo("caf\u00e9");
        assertThat(row.get(schema.indexOf("bn"))).isEqualTo(new byte[] {1, 2, 0, 0});
        assertThat(row.get(schema.indexOf("dt"))).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(row.get(schema.indexOf("tm"))).isEqualTo(LocalTime.parse("23:59:59.123"));
        assertThat(row.get(schema.indexOf("dtm"))).isEqualTo(LocalDateTime.parse("1999-12-31T23:59:59.999999"));
        assertThat(row.get(schema.indexOf("ts"))).isEqualTo(Instant.parse("2038-01-18T21:44:07.499999Z"));
        assertThat(row.get(schema.indexOf("yr"))).isEqualTo((short) 2155);
        assertThat(row.get(schema.indexOf("en"))).isEqualTo("b");
        assertThat(row.get(schema.indexOf("st"))).isEqualTo("x,z");
        assertThat(snapshot.get(2).get(schema.indexOf("ts"))).isEqualTo(Instant.parse("1970-01-01T00:00:01Z"));
        assertThat(snapshot.get(1).values()).containsOnlyOnce(2).filteredOn(v -> v != null).hasSize(1);
      }
    }
  }

  /** The Java class {@link DataType} documents for each kind. */
  private static Class<?> javaClass(DataType.Kind kind) {
    return switch (kind) {
      case BOOLEAN -> Boolean.class;
      case TINYINT -> Byte.class;
      case SMALLINT -> Short.class;
      case INT -> Integer.class;
      case BIGINT -> Long.class;
      case DECIMAL -> BigDecimal.class;
      case FLOAT -> Float.class;
      case DOUBLE -> Double.class;
      case CHAR, VARCHAR, JSON -> String.class;
      case BINARY, VARBINARY -> byte[].class;
      case DATE -> LocalDate.class;
      case TIME -> LocalTime.class;
      case TIMESTAMP -> LocalDateTime.class;
      case TIMESTAMP_LTZ -> Instant.class;
    };
  }

  @Test
  void zeroDates_readAsNull_inBothPhases_withZeroDatesNull() throws Exception {
    TableSchema schema = zeroDateTable();
    try (MySqlSource source = Sources.builder("zero_it").zeroDates(ZeroDates.NULL).build()) {
      try (LogStream log = source.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
        insertZeroDates();
        Row logged = ((RowChange) Sources.readUntil(log, Sources.atLeast(1), Duration.ofSeconds(20)).get(0)).after();
        List<Row> snapshot = Chunks.readAll(source, schema, 10);
        assertThat(logged).isEqualTo(Row.of(1, null, null, null));
        assertThat(snapshot).containsExactly(logged);
      }
    }
  }

  /**
   * The default is exact: a zero date stops its table (log: the row is replaced by the stop; snapshot: refused);
   * a delete of the row still arrives.
   */
  @Test
  void zeroDates_areRefused_inBothPhases_byDefault() throws Exception {
    TableSchema schema = zeroDateTable();
    try (MySqlSource source = Sources.builder("zero_it").build()) {
      try (LogStream log = source.openLog(StartPosition.latest(), Map.of(schema.id(), schema))) {
        insertZeroDates();
        ChangeEvent e = Sources.readUntil(log, Sources.atLeast(1), Duration.ofSeconds(20)).get(0);
        assertThat(e).isInstanceOf(TableNeedsResync.class);
        TableNeedsResync stop = (TableNeedsResync) e;
        assertThat(stop.table()).isEqualTo(schema.id());
        assertThat(stop.code()).isEqualTo(ErrorCode.VALUE_NOT_REPRESENTABLE);
        assertThat(stop.reason()).contains("zero date").contains("zeroDates(ZeroDates.NULL)");
        assertThatThrownBy(() -> Chunks.readAll(source, schema, 10)).isInstanceOfSatisfying(SyncException.class,
            x -> assertThat(x.code()).isEqualTo(ErrorCode.VALUE_NOT_REPRESENTABLE)).hasMessageContaining("zero date");
        // Deleting the refused row is a fix: its old image is used only for the key, so the delete is delivered.
        MySqlTestServer.execute("DELETE FROM zero_it.z WHERE id = 1");
        ChangeEvent delete = Sources.readUntil(log, Sources.atLeast(1), Duration.ofSeconds(20)).get(0);
        assertThat(delete).isInstanceOfSatisfying(RowChange.class, r -> {
          assertThat(r.op()).isEqualTo(RowChange.Op.DELETE);
          assertThat(r.before()).isEqualTo(Row.of(1, null, null, null));
        });
      }
    }
  }

  private static TableSchema zeroDateTable() throws Exception {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS zero_it", "CREATE DATABASE zero_it",
        "CREATE TABLE zero_it.z (id INT PRIMARY KEY, d DATE, dt DATETIME(3), ts TIMESTAMP NULL)");
    try (MySqlSource source = Sources.builder("zero_it").build()) {
      return source.discoverTables().get(0);
    }
  }

  private static void insertZeroDates() throws Exception {
    MySqlTestServer.execute("SET sql_mode = ''",
        "INSERT INTO zero_it.z VALUES (1, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00')");
  }
}
