package io.tributary.paimon;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.testing.Seeds;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PaimonWriter#scan}: committed rows only, laid out by the caller's columns, and exactly the rows a filter
 * matches — pushed down where it translates (key ranges, string and decimal comparisons), evaluated in Java always.
 */
class ScanTest {

  static final TargetTable T = new TargetTable("t",
      List.of(Column.of("k1", DataType.intType().notNull()), Column.of("k2", DataType.varchar(10).notNull()),
          Column.of("price", DataType.decimal(10, 2)), Column.of("note", DataType.varchar(20))),
      List.of("k1", "k2"));

  @TempDir
  Path dir;

  @Test
  void scan_returnsExactlyTheCommittedRowsAFilterMatches() {
    long seed = Seeds.one();
    Random random = new Random(seed);
    PaimonWriter writer = PaimonWriter.builder().warehouse(dir).database("db").buckets(2).build();
    try {
      writer.open(new WriterContext("p", 0, null));
      assertThat(writer.capabilities()).contains(ChangeWriter.Capability.SCAN);
      writer.ensureTable(T);
      List<Row> rows = new ArrayList<>();
      RowBatch b = new RowBatch(600);
      for (int k1 = 0; k1 < 20; k1++) {
        for (int k2 = 0; k2 < 25; k2++) {
          Row r = Row.of(k1, "v" + (char) ('a' + k2), random.nextBoolean() ? null : BigDecimal.valueOf(
              random.nextInt(10_000), 2), random.nextBoolean() ? null : "n" + random.nextInt(5));
          rows.add(r);
          b.upsert(r, rows.size());
        }
      }
      writer.write("t", b);
      writer.commit(1, writer.prepareCommit(1));
      RowBatch uncommitted = new RowBatch(1);
      uncommitted.upsert(Row.of(99, "zz", null, null), 1);
      writer.write("t", uncommitted); // not committed: a scan never shows it

      for (int round = 0; round < 40; round++) {
        RowFilter f = filter(random);
        List<Row> got = new ArrayList<>();
        writer.scan(T, f, got::add);
        List<Row> expected = rows.stream().filter(r -> f.test(T.asSchema(), r)).toList();
        assertThat(got).as("seed %d: %s", seed, f).containsExactlyInAnyOrderElementsOf(expected);
      }
      // A column the caller knows but the stored table lacks reads as null; a missing table has no rows.
      List<Column> columns = new ArrayList<>(T.columns());
      columns.add(Column.of("extra", DataType.intType()));
      TargetTable wider = new TargetTable("t", columns, T.primaryKey());
      List<Row> got = new ArrayList<>();
      writer.scan(wider, RowFilter.eq("k1", 3), got::add);
      assertThat(got).hasSize(25).allMatch(r -> r.size() == 5 && r.get(4) == null);
      got.clear();
      writer.scan(new TargetTable("absent", T.columns(), T.primaryKey()), RowFilter.all(), got::add);
      assertThat(got).isEmpty();
    } finally {
      writer.close();
    }
  }

  private static RowFilter filter(Random random) {
    Row lower = random.nextInt(4) == 0 ? null : Row.of(random.nextInt(20), "v" + (char) ('a' + random.nextInt(25)));
    Row upper = random.nextInt(4) == 0 ? null : Row.of(random.nextInt(20), "v" + (char) ('a' + random.nextInt(25)));
    RowFilter range = RowFilter.keyRange(List.of("k1", "k2"), lower, upper);
    return switch (random.nextInt(5)) {
      case 0 -> range;
      case 1 -> RowFilter.and(range, RowFilter.gt("price", BigDecimal.valueOf(random.nextInt(10_000), 2)));
      case 2 -> RowFilter.and(range, RowFilter.isNull("note"));
      case 3 -> RowFilter.or(range, RowFilter.eq("note", "n1"));
      default -> RowFilter.and(range, RowFilter.not(RowFilter.eq("k1", 5)), RowFilter.lt("price", 50L));
    };
  }
}
