package io.tributary.paimon.internal;

import io.tributary.sync.event.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.paimon.data.GenericRow;
import org.apache.paimon.data.InternalRow;
import org.apache.paimon.disk.IOManager;
import org.apache.paimon.memory.MemoryPoolFactory;
import org.apache.paimon.predicate.Predicate;
import org.apache.paimon.reader.RecordReader;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.table.sink.CommitMessage;
import org.apache.paimon.table.sink.CommitMessageImpl;
import org.apache.paimon.table.sink.StreamTableCommit;
import org.apache.paimon.table.sink.TableWriteImpl;
import org.apache.paimon.table.source.ReadBuilder;
import org.apache.paimon.types.RowKind;

/**
 * One Paimon table as the writer sees it: its write and commit handles under the pipeline's commit user, the
 * converter for the current core schema, and the rows written since the last prepare (the "interval log").
 *
 * <p>The interval log exists because a scoped delete must see the table as the pipeline sees it, including writes
 * not yet committed, and Paimon readers only see committed snapshots. It holds references to the immutable core
 * rows (no copy), is cleared at every prepare and holds at most {@code intervalLogLimit} rows, after which scoped
 * deletes on the table refuse until the next checkpoint. A merge's output is not remembered (see
 * {@link #writeUnremembered}), nor a direct sync's snapshot rows (see {@link #writeDirect}).
 */
final class TableSink {

  private final String name;
  private final String commitUser;
  private final IOManager ioManager;
  private final MemoryPoolFactory memory;
  /** The writer's shared compaction threads (Paimon would otherwise start one thread per table write). */
  private final java.util.concurrent.ExecutorService compaction;
  /** Most rows remembered per checkpoint interval; beyond it scoped deletes refuse to run until a checkpoint. */
  private final int intervalLogLimit;
  private FileStoreTable table;
  private RowConverter converter;
  private TableWriteImpl<?> write;
  private StreamTableCommit commit;
  private final List<Row> intervalRows = new ArrayList<>();
  private final List<Boolean> intervalDeletes = new ArrayList<>();
  private boolean intervalOverflowed;
  /**
   * Whether direct snapshot rows were written since the last prepare ({@link #writeDirect}): the interval log does
   * not hold them, so a merge must not look them up before a checkpoint made them readable.
   */
  private boolean directSincePrepare;
  /** Whether anything was written since the last prepare (rows Paimon readers cannot see yet). */
  private boolean writtenSincePrepare;
  /**
   * The buckets this writer writes (null: all), when it is one of a group of writers sharing the table by bucket
   * ({@code WriteShards.Group}): a scoped delete reads and deletes only these ({@link #readOwned}).
   */
  private org.apache.paimon.utils.Filter<Integer> ownBuckets;
  /** The direct syncs filling this table now (their staging areas); compaction is deferred while any runs. */
  private final java.util.Set<String> fillers = new java.util.HashSet<>();

  TableSink(String name, FileStoreTable table, RowConverter converter, String commitUser, IOManager ioManager,
      MemoryPoolFactory memory, int intervalLogLimit, java.util.concurrent.ExecutorService compaction) {
    this.compaction = compaction;
    this.name = name;
    this.memory = memory;
    this.intervalLogLimit = intervalLogLimit;
    this.table = table;
    this.converter = converter;
    this.commitUser = commitUser;
    this.ioManager = ioManager;
  }

  String name() {
    return name;
  }

  FileStoreTable table() {
    return table;
  }

  RowConverter converter() {
    return converter;
  }

  void setConverter(RowConverter converter) {
    this.converter = converter;
  }

  /**
   * Switches to a new schema version of the table. Rows buffered under the old schema keep their sequence numbers
   * and files: Paimon's writer state is handed over the way its own CDC sink does, so ordering within the interval
   * survives the change.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  void replaceTable(FileStoreTable newTable, RowConverter newConverter) throws Exception {
    if (write != null) {
      List states = write.checkpoint();
      write.close();
      write = newWrite(newTable);
      write.restore(states);
    }
    this.table = newTable;
    this.converter = newConverter;
    if (commit != null) {
      commit.close();
      commit = null;
    }
  }

  /**
   * A direct sync ({@code area}) starts or goes on filling this table: until every such sync ended
   * ({@link #endFill}), its writer compacts rarely (see {@link FillCompaction}).
   */
  void beginFill(String area) throws Exception {
    if (fillers.add(area) && fillers.size() == 1) {
      swapWrite();
    }
  }

  /** A direct sync of this table was merged or dropped; the last one to end restores normal compaction. */
  void endFill(String area) throws Exception {
    if (fillers.remove(area) && fillers.isEmpty()) {
      swapWrite();
    }
  }

  boolean filling() {
    return !fillers.isEmpty();
  }

  /** Hands the writer's state (buffered rows, files, sequence numbers) to a writer with the current options. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void swapWrite() throws Exception {
    if (write != null) {
      List states = write.checkpoint();
      write.close();
      write = newWrite(table);
      write.restore(states);
    }
  }

  private TableWriteImpl<?> newWrite(FileStoreTable table) {
    FileStoreTable t = fillers.isEmpty() ? FillCompaction.steady(table) : FillCompaction.options(table);
    TableWriteImpl<?> w = t.newWrite(commitUser);
    w.withIOManager(ioManager);
    if (memory != null) {
      w.withMemoryPoolFactory(memory);
    }
    if (compaction != null) {
      w.withCompactExecutor(compaction);
    }
    return w;
  }

  /** Writes a Paimon row built by the converter (extra fields already set). */
  void writeRow(GenericRow row) throws Exception {
    if (write == null) {
      write = newWrite(table);
    }
    writtenSincePrepare = true;
    write.write(row);
  }

  /** Writes a core row as an upsert or delete and remembers it in the interval log. */
  void write(Row row, boolean delete) throws Exception {
    writeConverted(converter.toPaimon(row, delete ? RowKind.DELETE : RowKind.INSERT), row, delete);
  }

  /**
   * Writes a merge's output without remembering it: the pipeline checkpoints right after a merge (the
   * {@code ChangeWriter.mergeStaging} contract), so no scoped delete of this interval needs it, and a full sync of a
   * large table would otherwise keep up to {@code intervalLogLimit} rows alive. Should a scoped delete come anyway,
   * it refuses (as after an overflow) instead of missing these rows.
   */
  void writeUnremembered(Row row, boolean delete) throws Exception {
    writeRow(converter.toPaimon(row, delete ? RowKind.DELETE : RowKind.INSERT));
    forgetInterval();
  }

  private void forgetInterval() {
    if (!intervalOverflowed) {
      intervalOverflowed = true;
      intervalRows.clear();
      intervalDeletes.clear();
    }
  }

  /**
   * Writes a direct sync's snapshot row ({@link DirectSyncs}) without remembering it. Remembering would keep a whole
   * commit interval of the sync's rows alive (all of a table that fits in one interval: ~570 MiB for 1M rows), and
   * nothing needs them: their sync's own log changes are staged, and its merge comes right after a checkpoint (the
   * {@code ChangeWriter.mergeStaging} contract), when they are committed and readable. Only another source table
   * writing the same key of a shared target in the same interval could miss one (see docs/design.md, "Memory").
   */
  void writeDirect(GenericRow converted) throws Exception {
    writeRow(converted);
    directSincePrepare = true;
  }

  /** Whether direct snapshot rows were written since the last prepare (they are not in the interval log). */
  boolean directSincePrepare() {
    return directSincePrepare;
  }

  /** Writes {@code converted}, the conversion of {@code row}, and remembers the row in the interval log. */
  void writeConverted(GenericRow converted, Row row, boolean delete) throws Exception {
    writeRow(converted);
    if (intervalOverflowed) {
      return;
    }
    if (intervalRows.size() < intervalLogLimit) {
      intervalRows.add(row);
      intervalDeletes.add(delete);
    } else {
      forgetInterval();
    }
  }

  int intervalLogLimit() {
    return intervalLogLimit;
  }

  boolean intervalOverflowed() {
    return intervalOverflowed;
  }

  /** Calls {@code action} with each row written since the last prepare and whether it was a delete, in order. */
  void forEachIntervalRow(IntervalVisitor action) {
    for (int i = 0; i < intervalRows.size(); i++) {
      action.visit(intervalRows.get(i), intervalDeletes.get(i));
    }
  }

  /** Flushes the writer and returns its commit messages for {@code identifier}; empty when nothing was written. */
  List<CommitMessage> prepare(long identifier) throws Exception {
    intervalRows.clear();
    intervalDeletes.clear();
    intervalOverflowed = false;
    writtenSincePrepare = false;
    directSincePrepare = false;
    if (write == null) {
      return List.of();
    }
    List<CommitMessage> messages = new ArrayList<>(write.prepareCommit(false, identifier));
    // Idle buckets report empty messages until Paimon retires their writers; committing them would add an empty
    // snapshot per table and checkpoint.
    messages.removeIf(m -> m instanceof CommitMessageImpl c && c.isEmpty());
    return messages;
  }

  /** Commits {@code messages} as {@code identifier} unless this commit user already committed it. */
  int commit(long identifier, List<CommitMessage> messages) throws Exception {
    if (commit == null) {
      commit = table.newStreamWriteBuilder().withCommitUser(commitUser).newCommit();
    }
    return commit.filterAndCommit(Map.of(identifier, messages));
  }

  void ownBuckets(org.apache.paimon.utils.Filter<Integer> buckets) {
    this.ownBuckets = buckets;
  }

  /**
   * As {@link #readCommitted(Consumer)}, of this writer's buckets only: what a scoped delete may delete, since a
   * bucket's rows are written by one writer of a group (another writer's deletes there would conflict with its
   * compactions and sequence numbers).
   */
  void readOwned(Consumer<InternalRow> consumer) throws Exception {
    ReadBuilder rb = table.newReadBuilder();
    if (ownBuckets != null) {
      rb = rb.withBucketFilter(ownBuckets);
    }
    try (RecordReader<InternalRow> reader = rb.newRead().withIOManager(ioManager).createReader(rb.newScan().plan())) {
      reader.forEachRemaining(consumer);
    }
  }

  /** Reads the committed table (primary keys merged) and hands each row to {@code consumer}. */
  void readCommitted(Consumer<InternalRow> consumer) throws Exception {
    readCommitted(null, consumer);
  }

  /**
   * As {@link #readCommitted(Consumer)}, pruning by {@code filter} where Paimon can (buckets, files); rows that do
   * not match may still come, so the consumer checks.
   */
  void readCommitted(Predicate filter, Consumer<InternalRow> consumer) throws Exception {
    ReadBuilder rb = filter == null ? table.newReadBuilder() : table.newReadBuilder().withFilter(filter);
    try (RecordReader<InternalRow> reader = rb.newRead().withIOManager(ioManager).createReader(rb.newScan().plan())) {
      reader.forEachRemaining(consumer);
    }
  }

  /**
   * Whether the table holds no row as this writer sees it: nothing written since the last prepare, and the latest
   * snapshot (if any) has no record at all. Conservative: a table whose records are all deletes counts as not empty.
   */
  boolean isEmpty() {
    if (writtenSincePrepare) {
      return false;
    }
    org.apache.paimon.Snapshot latest = table.snapshotManager().latestSnapshot();
    return latest == null || latest.totalRecordCount() == 0;
  }

  /** Discards uncommitted writes. */
  void close() throws Exception {
    fillers.clear();
    intervalOverflowed = false;
    writtenSincePrepare = false;
    directSincePrepare = false;
    intervalRows.clear();
    intervalDeletes.clear();
    Exception failure = null;
    for (AutoCloseable c : new AutoCloseable[] {write, commit}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        failure = e;
      }
    }
    write = null;
    commit = null;
    if (failure != null) {
      throw failure;
    }
  }

  /** Receives interval-log entries. */
  @FunctionalInterface
  interface IntervalVisitor {
    void visit(Row row, boolean delete);
  }
}
