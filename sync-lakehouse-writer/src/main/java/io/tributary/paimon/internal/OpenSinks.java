package io.tributary.paimon.internal;

import io.tributary.sync.spi.TargetTable;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.paimon.disk.IOManager;
import org.apache.paimon.memory.MemoryPoolFactory;
import org.apache.paimon.table.FileStoreTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of the writer's open sinks (targets, staging and side tables) and of the targets it was told about.
 * Why a class of its own: every path (writes, staging, merges, commits) looks sinks up and swaps them to a new
 * Paimon schema the same way, and the write buffers, I/O manager and compaction pool they share are wired here once.
 * Called from the writer's one thread.
 */
final class OpenSinks {

  private static final Logger LOG = LoggerFactory.getLogger(OpenSinks.class);

  private final Tables tables;
  private final String pipeline;
  private final String commitUser;
  private final Limits limits;
  private final Retry retry;
  private final IOManager ioManager;
  /** One write-buffer pool for all tables (null: per-table buffers); Paimon flushes the largest writer when full. */
  private final MemoryPoolFactory memory;
  private final ExecutorService compaction;
  /** The group of writers this one shares targets with by bucket, or null (see {@code WriteShards.Group}). */
  private io.tributary.sync.spi.WriteShards.Group group;
  private final Map<String, TargetTable> targets = new HashMap<>();
  private final Map<String, TableSink> sinks = new LinkedHashMap<>();

  OpenSinks(Tables tables, String pipeline, String commitUser, Limits limits, Retry retry, IOManager ioManager,
      MemoryPoolFactory memory, ExecutorService compaction) {
    this.tables = tables;
    this.pipeline = pipeline;
    this.commitUser = commitUser;
    this.limits = limits;
    this.retry = retry;
    this.ioManager = ioManager;
    this.memory = memory;
    this.compaction = compaction;
  }

  void joinGroup(io.tributary.sync.spi.WriteShards.Group group) {
    this.group = group;
  }

  /** Creates or evolves a target (renaming columns first, new name to old name) and opens or switches its sink. */
  void ensureTarget(TargetTable target, Map<String, String> renamedFrom) {
    FileStoreTable table = retry.call("create or evolve table " + target.name(),
        () -> tables.createOrEvolveTarget(target, renamedFrom));
    targets.put(target.name(), target);
    TableSink sink = replaceOrCreate(target.name(), table, converter(target.name(), target, table, false));
    if (group != null) {
      String name = target.name();
      sink.ownBuckets(bucket -> group.owned().owns(name, bucket));
    }
  }

  RowConverter converter(String name, TargetTable target, FileStoreTable table, boolean staging) {
    return new RowConverter(name, staging ? Tables.stagingColumns(target) : target.columns(),
        target.primaryKey(), table.rowType(), limits);
  }

  TableSink replaceOrCreate(String name, FileStoreTable table, RowConverter converter) {
    TableSink sink = sinks.get(name);
    if (sink == null) {
      sink = new TableSink(name, table, converter, commitUser, ioManager, memory, limits.maxTrackedRows(),
          compaction);
      sinks.put(name, sink);
    } else if (sink.table().schema().id() == table.schema().id()) {
      sink.setConverter(converter); // same Paimon schema: the writer stays, only the core row layout may differ
    } else {
      TableSink s = sink;
      try {
        s.replaceTable(table, converter);
      } catch (Exception e) {
        throw retry.wrap("switch " + name + " to its new schema", e);
      }
    }
    return sink;
  }

  /** A sink only to commit a restored committable's messages to a table this run has not opened. */
  TableSink forCommit(String name, FileStoreTable table) {
    return new TableSink(name, table, null, commitUser, ioManager, null, 0, compaction);
  }

  TargetTable target(String name) {
    TargetTable t = targets.get(name);
    if (t == null) {
      throw new IllegalStateException("target table " + name + " is unknown to this writer: call ensureTable first");
    }
    return t;
  }

  TableSink targetSink(String name) {
    target(name);
    return sinks.get(name);
  }

  /** The open sink of a table, or null. */
  TableSink get(String name) {
    return sinks.get(name);
  }

  boolean isOpen(String name) {
    return sinks.containsKey(name);
  }

  /** The open sinks, in the order they were opened (a snapshot: callers may open and close sinks meanwhile). */
  List<TableSink> snapshot() {
    return List.copyOf(sinks.values());
  }

  /** The open sinks, live, in the order they were opened. */
  Collection<TableSink> all() {
    return sinks.values();
  }

  void close(String name) {
    TableSink sink = sinks.remove(name);
    if (sink != null) {
      try {
        sink.close();
      } catch (Exception e) {
        LOG.warn("[{}] closing writer of {} failed; its uncommitted files are orphans now: {}", pipeline, name,
            e.toString());
      }
    }
  }

  void closeAll() {
    for (String name : List.copyOf(sinks.keySet())) {
      close(name);
    }
  }
}
