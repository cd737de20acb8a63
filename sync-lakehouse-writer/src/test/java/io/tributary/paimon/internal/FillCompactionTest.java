package io.tributary.paimon.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.CatalogContext;
import org.apache.paimon.catalog.CatalogFactory;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.schema.Schema;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filling writer's options: compaction deferred (40 runs), no write stop unless the table sets one, but a
 * compaction still opens no more run readers at once than the table itself allows. Paimon derives that bound ({@code sort-spill-threshold}) from the stop trigger
 * when unset, so raising the stop trigger alone let the hand-over's compaction hold ~44 runs' decoded pages at once.
 */
class FillCompactionTest {

  @TempDir Path dir;

  private Catalog catalog() throws Exception {
    Catalog catalog = CatalogFactory.createCatalog(CatalogContext.create(new org.apache.paimon.fs.Path(dir.toUri())));
    catalog.createDatabase("db", true);
    return catalog;
  }

  private FileStoreTable table(Catalog catalog, String name, Map<String, String> options) throws Exception {
    Identifier id = Identifier.create("db", name);
    catalog.createTable(id, Schema.newBuilder().column("id", DataTypes.BIGINT()).column("v", DataTypes.STRING())
        .primaryKey("id").option("bucket", "1").options(options).build(), false);
    return (FileStoreTable) catalog.getTable(id);
  }

  @Test
  void fillingDefersCompaction_butKeepsTheTablesBoundOnReadersMergedAtOnce() throws Exception {
    try (Catalog catalog = catalog()) {
      FileStoreTable plain = table(catalog, "plain", Map.of());
      FileStoreTable filling = FillCompaction.options(plain);
      assertThat(filling.coreOptions().numSortedRunCompactionTrigger()).isEqualTo(FillCompaction.TRIGGER);
      assertThat(filling.coreOptions().numSortedRunStopTrigger()).isEqualTo(Integer.MAX_VALUE); // as steady
      assertThat(plain.coreOptions().sortSpillThreshold()).isEqualTo(9); // Paimon's: stop trigger 8, plus one
      assertThat(filling.coreOptions().sortSpillThreshold()).isEqualTo(9);

      FileStoreTable own = table(catalog, "own", Map.of("sort-spill-threshold", "20"));
      assertThat(FillCompaction.options(own).coreOptions().sortSpillThreshold()).isEqualTo(20);

      FileStoreTable stops = table(catalog, "stops", Map.of("num-sorted-run.stop-trigger", "12"));
      assertThat(FillCompaction.options(stops).coreOptions().numSortedRunStopTrigger())
          .isEqualTo(FillCompaction.TRIGGER + 3); // the table's own stop, moved up with the fill's trigger
    }
  }

  /**
   * Outside a fill the writer never stops for a compaction unless the table asks to (no write stop, Paimon's
   * "prioritize write throughput"), and the bound on readers merged at once stays the table's.
   */
  @Test
  void steadyWriting_hasNoWriteStop_unlessTheTableSetsOne_andKeepsTheTablesBoundOnReaders() throws Exception {
    try (Catalog catalog = catalog()) {
      FileStoreTable plain = table(catalog, "plain", Map.of());
      FileStoreTable steady = FillCompaction.steady(plain);
      assertThat(steady.coreOptions().numSortedRunCompactionTrigger()).isEqualTo(5);
      assertThat(steady.coreOptions().numSortedRunStopTrigger()).isEqualTo(Integer.MAX_VALUE);
      assertThat(steady.coreOptions().sortSpillThreshold()).isEqualTo(9);

      FileStoreTable own = table(catalog, "own", Map.of("num-sorted-run.stop-trigger", "12"));
      assertThat(FillCompaction.steady(own).coreOptions().numSortedRunStopTrigger()).isEqualTo(12);
      assertThat(FillCompaction.steady(own).coreOptions().sortSpillThreshold()).isEqualTo(13);
    }
  }

  /**
   * Data files are written by the writing thread unless the table chooses otherwise: Paimon's asynchronous file
   * write keeps each open file's in-flight buffers (up to 64 MiB) until the file closes.
   */
  @Test
  void filesAreWrittenSynchronously_unlessTheTableChooses() throws Exception {
    try (Catalog catalog = catalog()) {
      FileStoreTable plain = table(catalog, "plain", Map.of());
      assertThat(plain.coreOptions().asyncFileWrite()).isTrue(); // Paimon's default
      assertThat(FillCompaction.options(plain).coreOptions().asyncFileWrite()).isFalse();
      assertThat(FillCompaction.steady(plain).coreOptions().asyncFileWrite()).isFalse();

      FileStoreTable own = table(catalog, "own",
          Map.of("async-file-write", "true", "num-sorted-run.stop-trigger", "12"));
      assertThat(FillCompaction.options(own).coreOptions().asyncFileWrite()).isTrue();
      assertThat(FillCompaction.steady(own)).isSameAs(own); // nothing of its own to change
    }
  }
}
