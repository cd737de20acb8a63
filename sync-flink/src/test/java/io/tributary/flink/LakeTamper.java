package io.tributary.flink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

/**
 * Damages an {@code items}-shaped lake table behind the job's back with Paimon's own batch writer (do it while no
 * job runs: Paimon allows one writer per bucket, and a running writer's compactions may resurrect foreign rows).
 */
final class LakeTamper {

  private LakeTamper() {
  }

  /** Deletes row {@code deleted}, sets {@code qty = -1} in row {@code altered}, adds a copy of it as {@code stray}. */
  static void tamper(String warehouse, String table, long deleted, long altered, long stray) throws Exception {
    Options options = new Options();
    options.set("warehouse", Path.of(warehouse).toAbsolutePath().toUri().toString());
    try (Catalog catalog = CatalogFactory.createCatalog(CatalogContext.create(options))) {
      FileStoreTable t = (FileStoreTable) catalog.getTable(Identifier.create("lake", table));
      RowType type = t.rowType();
      int id = type.getFieldIndex("id");
      int qty = type.getFieldIndex("qty");
      List<GenericRow> writes = new ArrayList<>();
      ReadBuilder rb = t.newReadBuilder();
      try (RecordReader<InternalRow> reader = rb.newRead().createReader(rb.newScan().plan())) {
        reader.forEachRemaining(r -> {
          long key = r.getLong(id);
          if (key == deleted) {
            GenericRow d = copy(r, type);
            d.setRowKind(RowKind.DELETE);
            writes.add(d);
          } else if (key == altered) {
            GenericRow a = copy(r, type);
            a.setField(qty, -1);
            writes.add(a);
            GenericRow s = copy(r, type);
            s.setField(id, stray);
            writes.add(s);
          }
        });
      }
      if (writes.size() != 3) {
        throw new IllegalStateException("rows " + deleted + " and " + altered + " must both be in lake." + table);
      }
      // write-only: no compaction of ours, whose file deletions would conflict with the job's own compactions
      BatchWriteBuilder wb = t.copy(Map.of("write-only", "true")).newBatchWriteBuilder();
      try (BatchTableWrite w = wb.newWrite(); BatchTableCommit c = wb.newCommit()) {
        for (GenericRow r : writes) {
          w.write(r);
        }
        c.commit(w.prepareCommit());
      }
    }
  }

  private static GenericRow copy(InternalRow r, RowType type) {
    GenericRow out = new GenericRow(type.getFieldCount());
    for (int i = 0; i < type.getFieldCount(); i++) {
      out.setField(i, InternalRow.createFieldGetter(type.getTypeAt(i), i).getFieldOrNull(r));
    }
    return out;
  }
}
