package io.tributary.paimon;

import io.tributary.paimon.internal.Limits;
import io.tributary.paimon.internal.RowConverter;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.TargetTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.CatalogContext;
import org.apache.paimon.catalog.CatalogFactory;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.options.Options;
import org.apache.paimon.reader.RecordReader;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.source.ReadBuilder;

/** Reads Paimon tables of a test warehouse with Paimon's own catalog and reader, independent of the writer. */
final class PaimonTables implements AutoCloseable {

  private final Catalog catalog;
  private final String database;

  PaimonTables(Path warehouse, String database) {
    Options options = new Options();
    options.set("warehouse", warehouse.toAbsolutePath().toUri().toString());
    this.catalog = CatalogFactory.createCatalog(CatalogContext.create(options));
    this.database = database;
  }

  FileStoreTable table(String name) throws Exception {
    return (FileStoreTable) catalog.getTable(Identifier.create(database, name));
  }

  boolean exists(String name) throws Exception {
    return catalog.listTables(database).contains(name);
  }

  void drop(String name) throws Exception {
    catalog.dropTable(Identifier.create(database, name), false);
  }

  void rename(String from, String to) throws Exception {
    catalog.renameTable(Identifier.create(database, from), Identifier.create(database, to), false);
  }

  void removeOption(String table, String key) throws Exception {
    catalog.alterTable(Identifier.create(database, table), org.apache.paimon.schema.SchemaChange.removeOption(key),
        false);
  }

  List<String> tables() throws Exception {
    return catalog.listTables(database);
  }

  List<InternalRow> readInternal(String name) throws Exception {
    FileStoreTable t = table(name);
    ReadBuilder rb = t.newReadBuilder();
    List<InternalRow> out = new ArrayList<>();
    var serializer = new org.apache.paimon.data.serializer.InternalRowSerializer(t.rowType());
    try (RecordReader<InternalRow> reader = rb.newRead().createReader(rb.newScan().plan())) {
      reader.forEachRemaining(r -> out.add(serializer.copy(r)));
    }
    return out;
  }

  /** The committed rows of {@code table}, merged by key, laid out by {@code target}'s columns. */
  List<Row> read(TargetTable target) throws Exception {
    FileStoreTable t = table(target.name());
    RowConverter conv = new RowConverter(target.name(), target.columns(), target.primaryKey(), t.rowType(),
        new Limits(Long.MAX_VALUE, Long.MAX_VALUE));
    List<Row> out = new ArrayList<>();
    for (InternalRow r : readInternal(target.name())) {
      out.add(conv.toCore(r));
    }
    return out;
  }

  /**
   * Commits empty checkpoints of {@code writer} (ids from {@code firstId}) until {@code done}, within 60 s: no commit
   * waits for a compaction, so a finished one's result is picked up by the next checkpoint after it.
   */
  static void checkpointUntil(PaimonWriter writer, long firstId, java.util.concurrent.Callable<Boolean> done) {
    long[] next = {firstId};
    org.awaitility.Awaitility.await("compaction caught up").atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofMillis(20)).until(() -> {
          if (done.call()) {
            return true;
          }
          writer.commit(next[0], writer.prepareCommit(next[0]));
          next[0]++;
          return false;
        });
  }

  @Override
  public void close() throws Exception {
    catalog.close();
  }
}
