package io.tributary.mysql;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import java.util.ArrayList;
import java.util.List;

/** Reads whole tables through the chunk SPI, recording watermarks. */
final class Chunks {

  /** One chunk's read. */
  record Read(SnapshotChunk chunk, long low, long high, List<Row> rows) {
  }

  private Chunks() {
  }

  static Read read(ChangeSource source, SnapshotChunk chunk, TableSchema schema) throws InterruptedException {
    List<Row> rows = new ArrayList<>();
    long[] marks = {-1, -1};
    source.readChunk(chunk, schema, new SnapshotSink() {
      @Override
      public void lowWatermark(long seq) {
        marks[0] = seq;
      }

      @Override
      public void accept(Row row) {
        if (marks[0] < 0) {
          throw new AssertionError("row before the low watermark");
        }
        rows.add(row);
      }

      @Override
      public void highWatermark(long seq) {
        marks[1] = seq;
      }
    });
    return new Read(chunk, marks[0], marks[1], rows);
  }

  static List<Row> readAll(ChangeSource source, TableSchema schema, int chunkSize) throws InterruptedException {
    List<Row> rows = new ArrayList<>();
    for (SnapshotChunk c : source.planChunks(schema, RowFilter.all(), chunkSize)) {
      rows.addAll(read(source, c, schema).rows());
    }
    return rows;
  }
}
