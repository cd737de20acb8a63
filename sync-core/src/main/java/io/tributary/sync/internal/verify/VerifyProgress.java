package io.tributary.sync.internal.verify;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.VerifyReport;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.internal.ValueCodec;
import io.tributary.sync.spi.CheckpointStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An unfinished verification of a table, so a later one resumes after a stop or restart: the key from which the
 * remaining chunks start (a resumed run plans chunks from it, so a changed table still gets every key compared once),
 * how many chunks were done and the mismatches found. Kept in the pipeline's checkpoint store under its own key
 * ({@code _verify.<pipeline>}, which no pipeline can be named), not in the checkpoint: the checkpoint is the
 * engine's, written every few seconds on the sink thread; progress is written per chunk on the verifier's thread and
 * outlives an {@code offline()}, which is harmless (key ranges stay meaningful).
 *
 * @param resumeFrom the lower bound of the first chunk not yet compared (key values in key order)
 */
record VerifyProgress(Row resumeFrom, int chunksDone, List<VerifyReport.ChunkMismatch> mismatches) {

  private static final int VERSION = 1;

  VerifyProgress {
    mismatches = List.copyOf(mismatches);
  }

  static String key(String pipeline) {
    return "_verify." + pipeline;
  }

  /** Loads, changes and saves the pipeline's record; one verifier writes it at a time per pipeline (synchronized). */
  static final class Store {
    private final CheckpointStore store;
    private final String key;

    Store(CheckpointStore store, String pipeline) {
      this.store = store;
      this.key = key(pipeline);
    }

    synchronized Optional<VerifyProgress> load(TableId table) {
      return Optional.ofNullable(loadAll().get(table));
    }

    synchronized void save(TableId table, VerifyProgress progress) {
      Map<TableId, VerifyProgress> all = loadAll();
      if (progress == null) {
        if (all.remove(table) == null) {
          return;
        }
      } else {
        all.put(table, progress);
      }
      if (all.isEmpty()) {
        store.clear(key);
      } else {
        store.save(key, encode(all));
      }
    }

    private Map<TableId, VerifyProgress> loadAll() {
      return store.load(key).map(b -> decode(b, key)).orElseGet(LinkedHashMap::new);
    }
  }

  static byte[] encode(Map<TableId, VerifyProgress> all) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(VERSION);
      out.writeInt(all.size());
      for (Map.Entry<TableId, VerifyProgress> e : all.entrySet()) {
        ValueCodec.writeTableId(out, e.getKey());
        writeRow(out, e.getValue().resumeFrom());
        out.writeInt(e.getValue().chunksDone());
        out.writeInt(e.getValue().mismatches().size());
        for (VerifyReport.ChunkMismatch m : e.getValue().mismatches()) {
          out.writeInt(m.index());
          writeRow(out, m.lowerInclusive());
          writeRow(out, m.upperExclusive());
          out.writeLong(m.sourceRows());
          out.writeLong(m.targetRows());
          out.writeLong(m.sourceHash());
          out.writeLong(m.targetHash());
          out.writeInt(m.differingKeys());
          out.writeInt(m.sampleKeys().size());
          for (Row k : m.sampleKeys()) {
            ValueCodec.writeRow(out, k);
          }
        }
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Map<TableId, VerifyProgress> decode(byte[] data, String key) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException("version " + version + ", expected " + VERSION);
      }
      Map<TableId, VerifyProgress> all = new LinkedHashMap<>();
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        TableId table = ValueCodec.readTableId(in);
        Row resume = readRow(in);
        int done = in.readInt();
        int m = in.readInt();
        List<VerifyReport.ChunkMismatch> mismatches = new ArrayList<>(m);
        for (int j = 0; j < m; j++) {
          int index = in.readInt();
          Row lower = readRow(in);
          Row upper = readRow(in);
          long sr = in.readLong();
          long tr = in.readLong();
          long sh = in.readLong();
          long th = in.readLong();
          int differing = in.readInt();
          int samples = in.readInt();
          List<Row> keys = new ArrayList<>(samples);
          for (int k = 0; k < samples; k++) {
            keys.add(ValueCodec.readRow(in));
          }
          mismatches.add(new VerifyReport.ChunkMismatch(index, lower, upper, sr, tr, sh, th, differing, keys));
        }
        all.put(table, new VerifyProgress(resume, done, mismatches));
      }
      return all;
    } catch (IOException e) {
      throw SyncException.of(ErrorCode.CHECKPOINT_UNREADABLE, "the verification progress stored under " + key
          + " cannot be read (" + e.getMessage() + "); verify with VerifyOptions.withResume(false) to start over",
          e);
    }
  }

  private static void writeRow(DataOutputStream out, Row row) throws IOException {
    out.writeBoolean(row != null);
    if (row != null) {
      ValueCodec.writeRow(out, row);
    }
  }

  private static Row readRow(DataInputStream in) throws IOException {
    return in.readBoolean() ? ValueCodec.readRow(in) : null;
  }
}
