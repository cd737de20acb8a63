package io.tributary.benchmarks.paimon;

import io.tributary.paimon.PaimonWriter;
import io.tributary.paimon.PaimonWriterBuilder;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.CatalogContext;
import org.apache.paimon.catalog.CatalogFactory;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.data.BinaryString;
import org.apache.paimon.data.Decimal;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.data.Timestamp;
import org.apache.paimon.disk.IOManager;
import org.apache.paimon.options.Options;
import org.apache.paimon.schema.Schema;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.sink.StreamTableCommit;
import org.apache.paimon.table.sink.StreamTableWrite;
import org.apache.paimon.table.sink.StreamWriteBuilder;
import org.apache.paimon.types.DataTypes;

/**
 * End-to-end write benchmark: N upserts (20% of them reusing an earlier key) through {@link PaimonWriter} beside an
 * in-run baseline writing the same rows with Paimon's own API (same table options, buckets, commit interval, batch
 * of conversions from the same core rows). Rows are generated before timing. Runs alternate, best-of-3 reported.
 *
 * <p>Run: {@code mvn -q install -DskipTests && java -cp benchmarks/target/benchmarks.jar
 * io.tributary.benchmarks.paimon.PaimonWriteBenchmark 1000000 100000}.
 */
public final class PaimonWriteBenchmark {

  static final TargetTable TABLE = new TargetTable("bench", List.of(
      Column.of("id", DataType.bigint().notNull()), Column.of("name", DataType.varchar(64)),
      Column.of("score", DataType.intType()), Column.of("amount", DataType.decimal(12, 2)),
      Column.of("updated", DataType.timestamp(3))), List.of("id"));

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int interval = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    boolean fullSync = args.length > 3 && args[3].equals("fullsync");
    List<Row> data = generate(rows, 42);
    PaimonWriterBuilder config = PaimonWriter.builder().buckets(4);
    System.out.printf("rows=%d commitInterval=%d buckets=4 options=%s%n", rows, interval, config.tableOptions());
    run("warm-up raw", dir -> raw(dir, data.subList(0, rows / 5), interval, config));
    run("warm-up writer", dir -> writer(dir, data.subList(0, rows / 5), interval));
    List<double[]> raws = new ArrayList<>();
    List<double[]> writers = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      raws.add(run("raw Paimon", dir -> raw(dir, data, interval, config)));
      writers.add(run(fullSync ? "full sync" : "PaimonWriter",
          dir -> fullSync ? fullSync(dir, data, interval) : writer(dir, data, interval)));
    }
    double rawWall = median(raws, 0);
    double writerWall = median(writers, 0);
    double rawCpu = median(raws, 1);
    double writerCpu = median(writers, 1);
    System.out.printf("RESULT median of %d: raw %,.0f rows/s (%,.0f rows/cpu-s), writer %,.0f rows/s"
        + " (%,.0f rows/cpu-s); ratio wall %.2f, cpu %.2f%n", rounds, rawWall, rawCpu, writerWall, writerCpu, writerWall / rawWall,
        writerCpu / rawCpu);
    if (!fullSync) {
      run("re-sync", dir -> resync(dir, data, interval));
    }
  }

  /**
   * A re-sync: the table is loaded, then all rows are staged again and merged with INSERT OVERWRITE semantics
   * (every target row deleted, the staged rows upserted) in one commit. Reports staged rows per second end to end.
   */
  static long resync(Path dir, List<Row> data, int interval) {
    try (PaimonWriter w = PaimonWriter.builder().warehouse(dir).buckets(4).writeBufferBytes(0).build()) {
      w.open(new WriterContext("bench", 0, null));
      w.ensureTable(TABLE);
      RowBatch batch = new RowBatch(BATCH);
      for (int i = 0; i < data.size(); i++) {
        batch.upsert(data.get(i), i);
        if (batch.size() == BATCH || i == data.size() - 1) {
          w.write("bench", batch);
          batch.clear();
        }
      }
      w.commit(1, w.prepareCommit(1));
      long start = System.nanoTime();
      long checkpoint = 1;
      for (int i = 0; i < data.size(); i++) {
        batch.upsert(data.get(i), i);
        if (batch.size() == BATCH || i == data.size() - 1) {
          w.writeStaging("bench", "resync", batch);
          batch.clear();
        }
        if ((i + 1) % interval == 0) {
          checkpoint++;
          w.commit(checkpoint, w.prepareCommit(checkpoint));
        }
      }
      long staged = System.nanoTime();
      w.mergeStaging("bench", "resync", io.tributary.sync.event.RowFilter.all());
      long merged = System.nanoTime();
      checkpoint++;
      w.commit(checkpoint, w.prepareCommit(checkpoint));
      long end = System.nanoTime();
      System.out.printf("re-sync phases: staging %.2f s, merge %.2f s, commit %.2f s%n", (staged - start) / 1e9,
          (merged - staged) / 1e9, (end - merged) / 1e9);
    }
    return data.size();
  }

  /**
   * A full sync into a new target: every row a snapshot row ({@code RowBatch.upsertSnapshot}) of one staging area,
   * prepare + commit every {@code interval} rows, then the merge and its commit, as the pipeline drives it.
   */
  static long fullSync(Path dir, List<Row> data, int interval) {
    try (PaimonWriter w = PaimonWriter.builder().warehouse(dir).buckets(4).writeBufferBytes(0).build()) {
      w.open(new WriterContext("bench", 0, null));
      w.ensureTable(TABLE);
      RowBatch batch = new RowBatch(BATCH);
      long checkpoint = 0;
      for (int i = 0; i < data.size(); i++) {
        batch.upsertSnapshot(data.get(i), 99);
        if (batch.size() == BATCH || i == data.size() - 1) {
          w.writeStaging("bench", "sync", batch);
          batch.clear();
        }
        if ((i + 1) % interval == 0 || i == data.size() - 1) {
          checkpoint++;
          w.commit(checkpoint, w.prepareCommit(checkpoint));
        }
      }
      w.mergeStaging("bench", "sync", io.tributary.sync.event.RowFilter.all());
      checkpoint++;
      w.commit(checkpoint, w.prepareCommit(checkpoint));
    }
    return data.size();
  }

  static List<Row> generate(int n, long seed) {
    Random rnd = new Random(seed);
    List<Row> out = new ArrayList<>(n);
    long nextKey = 0;
    LocalDateTime base = LocalDateTime.of(2024, 1, 1, 0, 0);
    for (int i = 0; i < n; i++) {
      long id = nextKey > 0 && rnd.nextInt(5) == 0 ? (long) (rnd.nextDouble() * nextKey) : nextKey++;
      out.add(Row.of(id, "customer-" + id + "-" + rnd.nextInt(1000), rnd.nextInt(1_000_000),
          BigDecimal.valueOf(rnd.nextInt(100_000_000), 2), base.plusNanos(i * 1_000_000L)));
    }
    return out;
  }

  interface Body {
    long run(Path warehouse) throws Exception;
  }

  static double median(List<double[]> results, int index) {
    double[] v = results.stream().mapToDouble(r -> r[index]).sorted().toArray();
    return v[v.length / 2];
  }

  /** Runs {@code body} on a fresh warehouse; returns {rows per wall second, rows per process CPU second}. */
  static double[] run(String name, Body body) throws Exception {
    Path dir = Files.createTempDirectory("paimon-bench");
    System.gc();
    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuStart = os.getProcessCpuTime();
    long start = System.nanoTime();
    long n = body.run(dir);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
    long peak = pools.stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    double rate = n / seconds;
    System.out.printf("%-15s %,d rows in %.2f s = %,.0f rows/s; %.2f cpu-s = %,.0f rows/cpu-s; peak heap (pool"
        + " peaks, incl. the pre-generated rows) %,d MB%n", name, n, seconds, rate, cpuSeconds, n / cpuSeconds,
        peak >> 20);
    // Paimon's compaction threads may still remove their uncommitted output just after close; retry the cleanup.
    for (int attempt = 0; attempt < 5 && Files.exists(dir); attempt++) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (java.io.UncheckedIOException e) {
        Thread.sleep(100);
      }
    }
    return new double[] {rate, n / cpuSeconds};
  }

  static final int BATCH = 1000;

  /** Through the ChangeWriter: batches of 1,000 upserts, prepare + commit every {@code interval} rows. */
  static long writer(Path dir, List<Row> data, int interval) {
    // Per-table 64 MB buffers (write-buffer-size), exactly like the baseline, rather than the shared pool.
    try (PaimonWriter w = PaimonWriter.builder().warehouse(dir).buckets(4).writeBufferBytes(0).build()) {
      w.open(new WriterContext("bench", 0, null));
      w.ensureTable(TABLE);
      RowBatch batch = new RowBatch(BATCH);
      long checkpoint = 0;
      for (int i = 0; i < data.size(); i++) {
        batch.upsert(data.get(i), i);
        if (batch.size() == BATCH || i == data.size() - 1) {
          w.write("bench", batch);
          batch.clear();
        }
        if ((i + 1) % interval == 0 || i == data.size() - 1) {
          checkpoint++;
          w.commit(checkpoint, w.prepareCommit(checkpoint));
        }
      }
    }
    return data.size();
  }

  /** Paimon's own API: the same table options, conversion of the same core rows, the same commit interval. */
  static long raw(Path dir, List<Row> data, int interval, PaimonWriterBuilder config) throws Exception {
    Options options = new Options();
    options.set("warehouse", dir.toUri().toString());
    try (Catalog catalog = CatalogFactory.createCatalog(CatalogContext.create(options));
        IOManager io = IOManager.create(System.getProperty("java.io.tmpdir"))) {
      catalog.createDatabase("raw", true);
      Identifier id = Identifier.create("raw", "bench");
      catalog.createTable(id, Schema.newBuilder().column("id", DataTypes.BIGINT().notNull())
          .column("name", DataTypes.VARCHAR(64)).column("score", DataTypes.INT())
          .column("amount", DataTypes.DECIMAL(12, 2)).column("updated", DataTypes.TIMESTAMP(3))
          .primaryKey("id").options(config.tableOptions()).build(), false);
      FileStoreTable table = (FileStoreTable) catalog.getTable(id);
      StreamWriteBuilder builder = table.newStreamWriteBuilder().withCommitUser("raw-bench");
      try (StreamTableWrite write = builder.newWrite();
          StreamTableCommit commit = builder.newCommit()) {
        write.withIOManager(io);
        long checkpoint = 0;
        for (int i = 0; i < data.size(); i++) {
          Row r = data.get(i);
          write.write(GenericRow.of(r.get(0), BinaryString.fromString((String) r.get(1)), r.get(2),
              Decimal.fromBigDecimal((BigDecimal) r.get(3), 12, 2),
              Timestamp.fromLocalDateTime((LocalDateTime) r.get(4))));
          if ((i + 1) % interval == 0 || i == data.size() - 1) {
            checkpoint++;
            commit.commit(checkpoint, write.prepareCommit(false, checkpoint));
          }
        }
      }
    }
    return data.size();
  }
}
