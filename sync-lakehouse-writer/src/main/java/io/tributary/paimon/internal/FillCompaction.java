package io.tributary.paimon.internal;

import java.util.Map;
import org.apache.paimon.CoreOptions;
import org.apache.paimon.table.FileStoreTable;

/**
 * The compaction of a table while a direct sync fills it (its snapshot rows written straight into it, see
 * {@link DirectSyncs}). Every commit flushes a new sorted run per written bucket; with the table's own trigger
 * (5 runs by default) Paimon rewrites the growing table every few commits, so at a short commit interval a full
 * sync spent most of its CPU recompacting its own rows. While filling, the writer lets up to {@link #TRIGGER} runs
 * pile up before it compacts (universal compaction then merges them, mostly in one full rewrite), and as outside a
 * fill no write waits for a compaction ({@link #steady}; a table's own write stop, if set, moves up with the trigger).
 * Other writes to the table (log changes of other tables merged into it, the merge itself) share the same writer.
 * When the last fill ends, the table's own trigger returns ({@link #steady}: still without a write stop) and the next
 * flush starts compacting the runs in the background; no checkpoint waits for that hand-over compaction. The
 * readers a compaction opens at once stay at the table's own bound (its {@code sort-spill-threshold}). Filling or not,
 * the writer's copy of the table writes its data files on the writing thread ({@link #ASYNC_FILE_WRITE}).
 */
final class FillCompaction {

  /** Sorted runs per bucket that trigger a compaction while filling. */
  static final int TRIGGER = 40;

  private FillCompaction() {}

  /**
   * Parquet's dictionary encoding, off for the files written while filling. Profiled at a 200 ms commit interval
   * (JFR, 1M rows), a quarter of a direct sync's CPU went to the dictionary hash maps of the files each commit
   * flushes (mostly unique keys, so the dictionary saves nothing); those files are rewritten by the hand-over's
   * compaction anyway, with the table's own options, as the raw write's are by its compactions.
   */
  static final String DICTIONARY = "parquet.enable.dictionary";

  /**
   * Snappy instead of the table's codec (zstd by default) for the files written while filling, for memory more than
   * CPU. Parquet's zstd codec opens a {@code com.github.luben.zstd.ZstdOutputStream} per page, a class with a
   * finalizer that keeps its file's 1 MiB output buffer reachable until the finalizer thread has run: in heap dumps
   * of a 4M-row fill at a 200 ms commit interval, 104–128 MiB of the heap left after a full collection were such
   * buffers (four flushed files per commit, each with its buffer), more than everything the sync really held. Snappy
   * (the xerial codec Paimon ships with) allocates no per-page stream. Readers see the codec in each file's footer;
   * the hand-over's compaction rewrites the fill's runs with the table's own codec.
   */
  static final String COMPRESSION = "file.compression";

  /**
   * Data files written by the writing thread itself ({@code async-file-write = false}) unless the table chooses.
   * Paimon's default hands each file's bytes to a thread of its own through 64 KiB buffers, and a file keeps every
   * buffer it ever had in flight (up to 1,024 of them, 64 MiB) until it is closed: heap dumps of a 4M-row full
   * sync found 22 MB of such idle buffers in the open files of flushes and compactions whenever the disk fell
   * behind. Written synchronously, the bytes go straight to the file system's stream (Parquet still buffers its row
   * group, as before); the measured full sync was no slower (docs/design.md, "Writing each row once").
   */
  static final String ASYNC_FILE_WRITE = CoreOptions.ASYNC_FILE_WRITE.key();

  /**
   * {@code table} with compaction deferred as above, and for Parquet tables without an explicit choice no dictionary
   * encoding and Snappy compression; a table that already compacts less often keeps its trigger. Only the filling writer sees these: they
   * are dynamic options of its copy of the table, never stored in the table's schema.
   */
  static FileStoreTable options(FileStoreTable table) {
    CoreOptions o = table.coreOptions();
    int trigger = Math.max(TRIGGER, o.numSortedRunCompactionTrigger());
    int stop = table.options().containsKey(CoreOptions.NUM_SORTED_RUNS_STOP_TRIGGER.key())
        ? Math.max(trigger + 3, o.numSortedRunStopTrigger()) : Integer.MAX_VALUE; // as steady
    Map<String, String> options = new java.util.HashMap<>(Map.of(
        CoreOptions.NUM_SORTED_RUNS_COMPACTION_TRIGGER.key(), Integer.toString(trigger),
        CoreOptions.NUM_SORTED_RUNS_STOP_TRIGGER.key(), Integer.toString(stop),
        // A compaction merges its runs with one open reader each (each holding decoded Parquet pages) up to this
        // many runs, spilling the rest to sorted files first; unset it follows the stop trigger, so a raised stop
        // would let a fill's compaction open a reader per run at once. The table's own threshold keeps the bound it
        // has outside a fill (no measurable cost or gain at 4M rows: docs/design.md, "Writing each row once").
        CoreOptions.SORT_SPILL_THRESHOLD.key(), Integer.toString(o.sortSpillThreshold())));
    syncFileWrites(table, options);
    if ("parquet".equalsIgnoreCase(o.fileFormatString())) {
      if (!table.options().containsKey(DICTIONARY)) {
        options.put(DICTIONARY, "false");
      }
      if (!table.options().containsKey(COMPRESSION)) {
        options.put(COMPRESSION, "snappy");
      }
    }
    return table.copy(options);
  }

  /**
   * {@code table} as its writer sees it outside a fill: the table's own compaction trigger, but no write stop unless
   * the table sets one ({@code num-sorted-run.stop-trigger}). Paimon's default stop (trigger + 3) makes a flush wait
   * for the running compaction once a bucket has 8 sorted runs, and the sink thread waits with it, so every table of
   * the pipeline stops committing: after a fill (its hand-over compaction rewrites the whole table, seconds for 1M
   * rows, minutes for 100M, while the runs are already over the stop) and whenever a growing table's compaction
   * takes longer than a few commit intervals (at 250 ms, commits waited up to 2.7 s for it). Compaction still starts
   * at the table's trigger and merges every run that piled up meanwhile (universal compaction), so the runs per
   * bucket stay at about the trigger plus the commits of one compaction; this is Paimon's own "prioritize write
   * throughput" setting. The bound on readers a compaction or query merges at once stays the table's
   * ({@code sort-spill-threshold}, which Paimon would otherwise derive from the stop); it spills the rest to disk.
   */
  static FileStoreTable steady(FileStoreTable table) {
    Map<String, String> options = new java.util.HashMap<>();
    if (!table.options().containsKey(CoreOptions.NUM_SORTED_RUNS_STOP_TRIGGER.key())) {
      options.put(CoreOptions.NUM_SORTED_RUNS_STOP_TRIGGER.key(), Integer.toString(Integer.MAX_VALUE));
      options.put(CoreOptions.SORT_SPILL_THRESHOLD.key(), Integer.toString(table.coreOptions().sortSpillThreshold()));
    }
    syncFileWrites(table, options);
    return options.isEmpty() ? table : table.copy(options);
  }

  private static void syncFileWrites(FileStoreTable table, Map<String, String> options) {
    if (!table.options().containsKey(ASYNC_FILE_WRITE)) {
      options.put(ASYNC_FILE_WRITE, "false");
    }
  }
}
