package io.tributary.flink;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.ForwardingChangeSource;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.SnapshotChunk;
import io.tributary.sync.spi.SnapshotSink;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test wrappers built inside the Flink tasks by the definition. The MiniCluster runs in the test's JVM and class
 * loader, so their static switches are shared by every task instance: each fault fires once per test.
 */
final class Faults {

  /** Armed by a test: a reader of a chunk of this index or above fails once (after 20 of its rows went on). */
  static final AtomicInteger FAIL_CHUNK = new AtomicInteger(-1);
  /** Armed by a test: the writer fails once at this staging write (counted over all writer subtasks). */
  static final AtomicInteger FAIL_STAGING_WRITE = new AtomicInteger(-1);
  static final AtomicInteger STAGING_WRITES = new AtomicInteger();
  static final AtomicBoolean CHUNK_FAILED = new AtomicBoolean();
  static final AtomicBoolean WRITE_FAILED = new AtomicBoolean();
  /** Armed by a test: the writer fails once at this direct (streaming) write, counted from arming. */
  static final AtomicInteger FAIL_DIRECT_WRITE = new AtomicInteger(-1);
  static final AtomicInteger DIRECT_WRITES = new AtomicInteger();
  static final AtomicBoolean DIRECT_WRITE_FAILED = new AtomicBoolean();
  /** Commits of {@link FailingWriter}s (all subtasks): a Flink checkpoint completed since a count was taken. */
  static final AtomicInteger COMMITS = new AtomicInteger();

  /** Armed by a test: chunk reads of this index and above wait at {@link #GATE} (the snapshot stays half done). */
  static final AtomicInteger HOLD_CHUNKS_FROM = new AtomicInteger(-1);
  static final AtomicInteger HELD = new AtomicInteger();
  static volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);

  private Faults() {
  }

  /** Chunk reads started, per table name (the tables a job snapshots). */
  static final java.util.concurrent.ConcurrentHashMap<String, AtomicInteger> CHUNKS_READ =
      new java.util.concurrent.ConcurrentHashMap<>();

  static int chunksRead(String table) {
    AtomicInteger n = CHUNKS_READ.get(table);
    return n == null ? 0 : n.get();
  }

  static void reset() {
    CHUNKS_READ.clear();
    FAIL_CHUNK.set(-1);
    FAIL_STAGING_WRITE.set(-1);
    STAGING_WRITES.set(0);
    CHUNK_FAILED.set(false);
    WRITE_FAILED.set(false);
    FAIL_DIRECT_WRITE.set(-1);
    DIRECT_WRITES.set(0);
    DIRECT_WRITE_FAILED.set(false);
    HOLD_CHUNKS_FROM.set(-1);
    HELD.set(0);
    gate = new java.util.concurrent.CountDownLatch(1);
  }

  /** The workload a {@link WritingSource} runs against its database (MariaDB or PostgreSQL statements). */
  @FunctionalInterface
  interface Writes {
    void run(String database, Random random, int statements) throws java.sql.SQLException;
  }

  /**
   * A source whose chunk reads write to the source database while they read: some statements right after the
   * chunk's low watermark, some after its first rows (between the read and the high watermark), so the log changes
   * the staging hand-over must order against the snapshot rows happen inside every chunk.
   */
  static final class WritingSource extends ForwardingChangeSource {
    private final String database;
    private final long seed;
    private final Writes writes;

    WritingSource(ChangeSource delegate, String database, long seed) {
      this(delegate, database, seed, Shop::mariaDbWrites);
    }

    WritingSource(ChangeSource delegate, String database, long seed, Writes writes) {
      super(delegate);
      this.database = database;
      this.seed = seed;
      this.writes = writes;
    }

    @Override
    public void readChunk(SnapshotChunk chunk, TableSchema schema, SnapshotSink sink) throws InterruptedException {
      CHUNKS_READ.computeIfAbsent(chunk.table().table(), t -> new AtomicInteger()).incrementAndGet();
      int hold = HOLD_CHUNKS_FROM.get();
      if (hold >= 0 && chunk.index() >= hold) {
        HELD.incrementAndGet();
        try {
          gate.await(); // interrupted when the job stops: the chunk stays in the reader's state
        } finally {
          HELD.decrementAndGet();
        }
      }
      Random random = new Random(seed * 31 + chunk.table().table().hashCode() * 17L + chunk.index());
      delegate().readChunk(chunk, schema, new SnapshotSink() {
        int rows;

        @Override
        public void lowWatermark(long seq) {
          sink.lowWatermark(seq);
          write(random, 3);
        }

        @Override
        public void accept(Row row) throws InterruptedException {
          sink.accept(row);
          if (++rows == 50) {
            write(random, 3);
          }
          // The first chunk at or after the armed index to reach 20 rows (a plan's chunks vary in size).
          if (rows == 20 && FAIL_CHUNK.get() >= 0 && chunk.index() >= FAIL_CHUNK.get()
              && CHUNK_FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("injected: reader of " + chunk + " fails once mid-chunk");
          }
        }

        @Override
        public void highWatermark(long seq) {
          sink.highWatermark(seq);
        }
      });
    }

    private void write(Random random, int statements) {
      try {
        writes.run(database, random, statements);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A writer that fails once at the armed staging or direct write, as a crashed writer subtask would. */
  static final class FailingWriter extends ForwardingChangeWriter {
    FailingWriter(ChangeWriter delegate) {
      super(delegate);
    }

    @Override
    public void writeStaging(String target, String staging, RowBatch batch) {
      if (STAGING_WRITES.incrementAndGet() == FAIL_STAGING_WRITE.get() && WRITE_FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected: writer fails once at staging write " + FAIL_STAGING_WRITE.get());
      }
      super.writeStaging(target, staging, batch);
    }

    @Override
    public void commit(long checkpointId, byte[] committable) {
      super.commit(checkpointId, committable);
      COMMITS.incrementAndGet();
    }

    @Override
    public void write(String target, RowBatch batch) {
      if (DIRECT_WRITES.incrementAndGet() == FAIL_DIRECT_WRITE.get()
          && DIRECT_WRITE_FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected: writer fails once at streaming write " + FAIL_DIRECT_WRITE.get());
      }
      super.write(target, batch);
    }
  }
}
