package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.SnapshotChunk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chunk plans partition the key space: every row is read exactly once, whatever the key shape. */
class ChunkPlanningIT {

  private static final String DB = "chunks_it";

  @BeforeAll
  static void tables() {
    MySqlTestServer.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB + " CHARACTER SET utf8mb4",
        "CREATE TABLE " + DB + ".composite (k VARCHAR(20), n INT, v INT, PRIMARY KEY (k, n))",
        "CREATE TABLE " + DB + ".sparse (id BIGINT PRIMARY KEY, v INT)",
        "CREATE TABLE " + DB + ".empty (id INT PRIMARY KEY)");
    StringBuilder composite = new StringBuilder("INSERT INTO " + DB + ".composite VALUES ");
    for (int i = 0; i < 1000; i++) {
      composite.append(i == 0 ? "" : ",").append("('key-").append(i % 37).append("',").append(i).append(',')
          .append(i % 10).append(')');
    }
    StringBuilder sparse = new StringBuilder("INSERT INTO " + DB + ".sparse VALUES ");
    for (int i = 0; i < 500; i++) {
      long id = i < 250 ? -1_000_000_000_000L + i * 7L : (long) i * i * i;
      sparse.append(i == 0 ? "" : ",").append('(').append(id).append(',').append(i % 10).append(')');
    }
    MySqlTestServer.execute(composite.toString(), sparse.toString(), "ANALYZE TABLE " + DB + ".sparse");
  }

  private static List<Row> readAll(MySqlSource source, TableSchema schema, RowFilter filter, int size)
      throws InterruptedException {
    List<SnapshotChunk> chunks = source.planChunks(schema, filter, size);
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(chunks.get(i).lowerInclusive()).isEqualTo(chunks.get(i - 1).upperExclusive());
    }
    assertThat(chunks.get(0).lowerInclusive()).isNull();
    assertThat(chunks.get(chunks.size() - 1).upperExclusive()).isNull();
    List<Row> rows = new ArrayList<>();
    for (SnapshotChunk c : chunks) {
      rows.addAll(Chunks.read(source, c, schema).rows());
    }
    return rows;
  }

  private static TableSchema table(MySqlSource source, String name) {
    return source.discoverTables().stream().filter(t -> t.id().table().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void compositeStringKey_walkedByOffset_readsEveryRowOnce() throws Exception {
    try (MySqlSource source = Sources.builder(DB).build()) {
      TableSchema schema = table(source, "composite");
      assertThat(source.planChunks(schema, RowFilter.all(), 97)).hasSize(11);
      List<Row> rows = readAll(source, schema, RowFilter.all(), 97);
      assertThat(rows).hasSize(1000).doesNotHaveDuplicates();
      assertThat(readAll(source, schema, RowFilter.eq("v", 3), 97)).hasSize(100)
          .allSatisfy(r -> assertThat(r.get(2)).isEqualTo(3));
    }
  }

  @Test
  void sparseNegativeBigintKey_splitByRange_readsEveryRowOnce_andEmptyTableHasOneChunk() throws Exception {
    try (MySqlSource source = Sources.builder(DB).build()) {
      TableSchema schema = table(source, "sparse");
      List<Row> rows = readAll(source, schema, RowFilter.all(), 40);
      assertThat(rows).hasSize(500).doesNotHaveDuplicates();
      assertThat(readAll(source, schema, RowFilter.and(RowFilter.ge("v", 5), RowFilter.not(RowFilter.eq("v", 9))),
          40)).hasSize(200);
      TableSchema empty = table(source, "empty");
      assertThat(source.planChunks(empty, RowFilter.all(), 10)).hasSize(1);
      assertThat(readAll(source, empty, RowFilter.all(), 10)).isEmpty();
    }
  }
}
