package io.tributary.flink;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.event.TransactionEnd;
import io.tributary.sync.memory.MemoryDatabase;
import io.tributary.sync.memory.MemoryPosition;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.RowBatch;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Flink runner's item encoding costs per row: encode and decode of the items that carry rows, with the
 * encoding before the wire format change ({@link OldItemCodec}, a copy of 6fb63e0's) and the current one, in the
 * same run. Rows are {@code FlinkComparison}'s bench rows (bigint, int, bigint, decimal(12,2), double, varchar,
 * char, datetime(3), timestamp(3), smallint) as the MariaDB source produces them. Items: {@code chunk} (512 rows of
 * a snapshot chunk, reader to decision operator), {@code write} (a 512-row staging batch, decision operator to
 * writer), {@code log} (512 updates, before and after image, a transaction end after every 8). One operation is one
 * row, so the score is ns per row and {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes allocated per row.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar FlinkItemCodec -prof gc</pre>
 *
 * <p>On a shared machine JMH's wall-clock scores mostly measure the other load; {@link #main} measures the same
 * round trips by this thread's CPU time instead (old and new alternating, median of the rounds):
 * {@code java -cp benchmarks/target/benchmarks.jar io.tributary.flink.FlinkItemCodecBenchmark [rounds]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
public class FlinkItemCodecBenchmark {

  static final int ROWS = 512;
  private static final TableId TABLE = new TableId("mem", "bench", "", "bench");
  private static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0);

  @Param({"old", "new"})
  public String codec;

  @Param({"chunk", "write", "log"})
  public String item;

  private final List<ChangeSource> sources = List.of(new MemoryDatabase("mem").source());
  private SourceItem.ChunkRows chunk;
  private SourceItem.LogBatch log;
  private WriteOp.Write write;

  @Setup
  public void build() {
    TableSchema schema = TableSchema.builder(TABLE).primaryKey("id", DataType.bigint())
        .column("i", DataType.intType()).column("l", DataType.bigint()).column("d", DataType.decimal(12, 2))
        .column("f", DataType.doubleType()).column("s", DataType.varchar(64)).column("c", DataType.charType(8))
        .column("dt", DataType.timestamp(3)).column("ts", DataType.timestampLtz(3))
        .column("flag", DataType.smallint()).build();
    List<Row> rows = new ArrayList<>();
    RowBatch batch = new RowBatch(ROWS);
    List<ChangeEvent> events = new ArrayList<>();
    for (long id = 1_000_000; id < 1_000_000 + ROWS; id++) {
      Row row = row(id, 0);
      rows.add(row);
      batch.upsertSnapshot(row, 41);
      events.add(RowChange.update(TABLE, row, row(id, 1), id, new MemoryPosition(id, true), 1_700_000_000_000L));
      if (id % 8 == 7) {
        events.add(new TransactionEnd(id, new MemoryPosition(id + 1, false), 1_700_000_000_000L));
      }
    }
    chunk = new SourceItem.ChunkRows(TABLE, 7, 3, 42, schema, rows);
    write = new WriteOp.Write("tributary_stage_1", batch);
    log = new SourceItem.LogBatch(0, 12345, events);
    // both codecs give back what they were given, and this build reads the former bytes
    check(SourceItem.decode(OldItemCodec.encode(chunk), sources).equals(chunk), "old chunk");
    check(SourceItem.decode(SourceItem.encode(chunk), sources).equals(chunk), "new chunk");
    check(SourceItem.decode(SourceItem.encode(log), sources).equals(log), "new log");
    check(OldItemCodec.decode(OldItemCodec.encode(log), sources).equals(log), "old log");
    check(((WriteOp.Write) WriteOp.decode(WriteOp.encode(write))).batch().toString().equals(batch.toString()), "new");
  }

  private static Row row(long id, int bump) {
    LocalDateTime dt = BASE.plusSeconds(id);
    return Row.of(id, (int) (id % 1000) + bump, id * 7919, BigDecimal.valueOf(id, 2), id / 3.0, "name-" + id, "abc",
        dt, dt.toInstant(ZoneOffset.UTC), (short) (id % 2));
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("round trip failed: " + what);
    }
  }

  /** CPU ns per row of each codec and item, measured by thread CPU time in alternating rounds. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    String only = args.length > 1 ? args[1] : ""; // e.g. "new/chunk": one combination per JVM, as JMH's forks
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    String[] codecs = {"old", "new"};
    String[] items = {"chunk", "write", "log"};
    FlinkItemCodecBenchmark[][] b = new FlinkItemCodecBenchmark[2][3];
    long[][][] ns = new long[2][3][rounds];
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < 3; i++) {
        if (!(codecs[c] + "/" + items[i]).startsWith(only) && !(codecs[c] + "/" + items[i]).endsWith(only)) {
          continue;
        }
        b[c][i] = new FlinkItemCodecBenchmark();
        b[c][i].codec = codecs[c];
        b[c][i].item = items[i];
        b[c][i].build();
        for (int w = 0; w < 4000; w++) { // warm-up: ~2M rows
          b[c][i].roundTrip();
        }
      }
    }
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < 3; i++) {
        for (int k = 0; k < 2; k++) {
          int c = (r + k) % 2; // alternate which codec goes first
          if (b[c][i] == null) {
            continue;
          }
          long start = cpu.getCurrentThreadCpuTime();
          for (int n = 0; n < 1000; n++) {
            b[c][i].roundTrip();
          }
          ns[c][i][r] = (cpu.getCurrentThreadCpuTime() - start) / (1000L * ROWS);
        }
      }
    }
    for (int i = 0; i < 3; i++) {
      if (b[0][i] == null || b[1][i] == null) {
        int c = b[0][i] != null ? 0 : 1;
        if (b[c][i] != null) {
          System.out.printf("%-6s %s %5d ns/row  (rounds %s)%n", items[i], codecs[c], median(ns[c][i]),
              java.util.Arrays.toString(ns[c][i]));
        }
        continue;
      }
      long old = median(ns[0][i]);
      long now = median(ns[1][i]);
      System.out.printf("%-6s old %5d ns/row  new %5d ns/row  new/old %.2f  (rounds old %s new %s)%n", items[i], old,
          now, (double) now / old, java.util.Arrays.toString(ns[0][i]), java.util.Arrays.toString(ns[1][i]));
    }
  }

  private static long median(long[] v) {
    long[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public Object roundTrip() {
    boolean old = codec.equals("old");
    return switch (item) {
      case "chunk" -> old ? OldItemCodec.decode(OldItemCodec.encode(chunk), sources)
          : SourceItem.decode(SourceItem.encode(chunk), sources);
      case "write" -> old ? OldItemCodec.decodeWrite(OldItemCodec.encode(write))
          : WriteOp.decode(WriteOp.encode(write));
      default -> old ? OldItemCodec.decode(OldItemCodec.encode(log), sources)
          : SourceItem.decode(SourceItem.encode(log), sources);
    };
  }
}
