package io.tributary.benchmarks.e2e;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.paimon.data.BinaryString;
import org.apache.paimon.data.Decimal;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.data.Timestamp;
import org.apache.paimon.schema.Schema;
import org.apache.paimon.types.DataTypes;

/**
 * The benchmark table: ten mixed columns, every value a function of the id, so that the databases' bulk loads and
 * the raw Paimon baseline produce the same rows without shipping them around.
 * <pre>
 * id bigint PK | i int = id % 1000 | l bigint = id * 7919 | d decimal(12,2) = id / 100 | f double = id / 3
 * s varchar(64) = 'name-' || id | c char(8) = 'abc' | dt timestamp(3) = 2024-01-01 + id s | ts timestamptz = dt UTC
 * flag smallint = id % 2
 * </pre>
 */
final class BenchTable {

  static final String NAME = "bench";
  static final int TS_COLUMN = 8;
  private static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0);

  private BenchTable() {
  }

  /** The same table in Paimon's terms, for the raw-write baseline. */
  static Schema.Builder paimonSchema() {
    return Schema.newBuilder().column("id", DataTypes.BIGINT().notNull()).column("i", DataTypes.INT())
        .column("l", DataTypes.BIGINT()).column("d", DataTypes.DECIMAL(12, 2)).column("f", DataTypes.DOUBLE())
        .column("s", DataTypes.VARCHAR(64)).column("c", DataTypes.CHAR(8)).column("dt", DataTypes.TIMESTAMP(3))
        .column("ts", DataTypes.TIMESTAMP_WITH_LOCAL_TIME_ZONE(3)).column("flag", DataTypes.SMALLINT())
        .primaryKey("id");
  }

  /** Row {@code id} as Paimon's internal row; {@code bump} is added to {@code i}, as the backlog's updates do. */
  static GenericRow paimonRow(long id, int bump) {
    LocalDateTime dt = BASE.plusSeconds(id);
    return GenericRow.of(id, (int) (id % 1000) + bump, id * 7919, Decimal.fromBigDecimal(
            BigDecimal.valueOf(id, 2), 12, 2), id / 3.0, BinaryString.fromString("name-" + id),
        BinaryString.fromString("abc     "), Timestamp.fromLocalDateTime(dt),
        Timestamp.fromInstant(dt.toInstant(ZoneOffset.UTC)), (short) (id % 2));
  }
}
