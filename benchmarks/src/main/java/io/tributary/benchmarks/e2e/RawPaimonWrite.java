package io.tributary.benchmarks.e2e;

import java.nio.file.Path;
import java.util.Map;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.CatalogContext;
import org.apache.paimon.catalog.CatalogFactory;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.disk.IOManager;
import org.apache.paimon.options.Options;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.sink.StreamTableCommit;
import org.apache.paimon.table.sink.StreamTableWrite;
import org.apache.paimon.table.sink.StreamWriteBuilder;

/**
 * The Paimon baseline: the benchmark table's rows written with Paimon's own stream-write API into a primary-key
 * table with the same options as {@link io.tributary.paimon.PaimonWriter}'s, rows built directly as Paimon rows
 * (no source, no conversion), one commit per {@code commitEvery} rows. What a hand-written loader would reach. Its
 * rows are visible at the last commit; the compaction still running then is waited for (and counted in the CPU).
 */
final class RawPaimonWrite implements AutoCloseable {

  private final Catalog catalog;
  private final IOManager io = IOManager.create(System.getProperty("java.io.tmpdir"));
  private final Map<String, String> tableOptions;
  private long checkpoint;

  RawPaimonWrite(Path warehouse, Map<String, String> tableOptions) throws Exception {
    Options options = new Options();
    options.set("warehouse", warehouse.toUri().toString());
    catalog = CatalogFactory.createCatalog(CatalogContext.create(options));
    catalog.createDatabase("raw", true);
    this.tableOptions = Map.copyOf(tableOptions);
  }

  /**
   * Upserts ids {@code 1..count} into table {@code name} of database {@code raw} (created on first use),
   * {@code bump} added to column {@code i}; returns the rows written. With {@code settle}, marks the rows visible
   * after the last commit and then waits for the running compaction ({@link Meter#visible}).
   */
  long write(String name, long count, int bump, long commitEvery, boolean settle) throws Exception {
    Identifier ident = Identifier.create("raw", name);
    catalog.createTable(ident, BenchTable.paimonSchema().options(tableOptions).build(), true);
    FileStoreTable table = (FileStoreTable) catalog.getTable(ident);
    StreamWriteBuilder builder = table.newStreamWriteBuilder().withCommitUser("raw-bench");
    try (StreamTableWrite write = builder.newWrite(); StreamTableCommit commit = builder.newCommit()) {
      write.withIOManager(io);
      for (long id = 1; id <= count; id++) {
        write.write(BenchTable.paimonRow(id, bump));
        if (id % commitEvery == 0 || id == count) {
          checkpoint++;
          commit.commit(checkpoint, write.prepareCommit(false, checkpoint));
        }
      }
      if (settle) {
        Meter.visible();
        Compactions.awaitIdle(600); // its CPU counts: closing the write would cancel it
      }
    }
    return count;
  }

  @Override
  public void close() throws Exception {
    io.close();
    catalog.close();
  }
}
