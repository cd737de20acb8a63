package io.tributary.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.CatalogContext;
import org.apache.paimon.catalog.CatalogFactory;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.options.Options;
import org.apache.paimon.reader.RecordReader;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.sink.BatchTableCommit;
import org.apache.paimon.table.sink.BatchTableWrite;
import org.apache.paimon.table.sink.BatchWriteBuilder;
import org.apache.paimon.table.source.ReadBuilder;
import org.apache.paimon.types.RowKind;
import org.apache.paimon.types.RowType;

/** Damages {@code orders}-shaped Paimon tables (database {@code lake}) behind a pipeline's back, for verify tests. */
final class PaimonTamper {

  private PaimonTamper() {
  }

  static Catalog catalog(Path warehouse) {
    Options options = new Options();
    options.set("warehouse", warehouse.toAbsolutePath().toUri().toString());
    return CatalogFactory.createCatalog(CatalogContext.create(options));
  }

  /**
   * Writes to the Paimon table behind the pipeline's back, with Paimon's own batch writer: deletes the rows (of shard {@code database}, or all when null)
   * of {@code deletes}, sets qty = -1 in those of {@code alters}, and adds a copy of one row under key {@code stray}
   * (none when negative).
   */
  static void tamper(Catalog catalog, String target, String database, List<Long> deletes, List<Long> alters,
      long stray) throws Exception {
    FileStoreTable table = (FileStoreTable) catalog.getTable(Identifier.create("lake", target));
    RowType type = table.rowType();
    int id = type.getFieldIndex("id");
    int qty = type.getFieldIndex("qty");
    int db = type.getFieldIndex("_database_name");
    List<GenericRow> writes = new ArrayList<>();
    GenericRow any = null;
    ReadBuilder rb = table.newReadBuilder();
    List<GenericRow> rows = new ArrayList<>();
    try (RecordReader<InternalRow> reader = rb.newRead().createReader(rb.newScan().plan())) {
      reader.forEachRemaining(r -> rows.add(copy(r, type)));
    }
    for (GenericRow r : rows) {
      if (database != null && !r.getString(db).toString().equals(database)) {
        continue;
      }
      long key = r.getLong(id);
      any = r;
      if (deletes.contains(key)) {
        GenericRow d = copy(r, type);
        d.setRowKind(RowKind.DELETE);
        writes.add(d);
      } else if (alters.contains(key)) {
        GenericRow a = copy(r, type);
        a.setField(qty, -1);
        writes.add(a);
      }
    }
    if (stray >= 0) {
      GenericRow s = copy(any, type);
      s.setField(id, stray);
      writes.add(s);
    }
    // write-only: no compaction of ours, whose file deletions would conflict with the pipeline's own compactions
    BatchWriteBuilder wb = table.copy(java.util.Map.of("write-only", "true")).newBatchWriteBuilder();
    try (BatchTableWrite w = wb.newWrite(); BatchTableCommit c = wb.newCommit()) {
      for (GenericRow r : writes) {
        w.write(r);
      }
      c.commit(w.prepareCommit());
    }
  }

  private static GenericRow copy(InternalRow r, RowType type) {
    GenericRow g = new GenericRow(RowKind.INSERT, type.getFieldCount());
    for (int i = 0; i < type.getFieldCount(); i++) {
      g.setField(i, InternalRow.createFieldGetter(type.getTypeAt(i), i).getFieldOrNull(r));
    }
    return g;
  }

}
