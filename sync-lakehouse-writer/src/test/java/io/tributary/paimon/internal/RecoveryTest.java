package io.tributary.paimon.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.CatalogContext;
import org.apache.paimon.catalog.CatalogFactory;
import org.apache.paimon.options.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery lists the database's staging tables, then inspects each: one another writer of the database dropped in
 * between (another pipeline's, or another Flink writer subtask's, each recovering at once) is skipped, not an error
 * that fails the writer's open.
 */
class RecoveryTest {

  @TempDir
  Path dir;

  @Test
  void stagingTableDroppedBetweenListingAndInspection_isSkipped() throws Exception {
    Options options = new Options();
    options.set("warehouse", dir.toString());
    try (Catalog catalog = CatalogFactory.createCatalog(CatalogContext.create(options))) {
      Tables tables = new Tables(catalog, "lake", Map.of(), "p-w1");
      tables.createDatabase();
      String gone = "orders__staging_p_w0__src.db.db.orders";
      assertThat(Recovery.mayTouch(tables, gone)).isFalse();
      Recovery.dropOrphan(tables, gone, "tributary-p-w1");
      assertThat(Recovery.discardAfter(tables, gone, "tributary-p-w1", 3, "p-w1")).isTrue();
    }
  }
}
