package io.tributary.paimon.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.schema.SchemaChange;
import org.apache.paimon.table.FileStoreTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a column rename part of the checkpoint it belongs to. Paimon renames at once, in the table's schema, outside
 * any data commit; the pipeline's checkpoint before the rename still names the old columns, so a run restarted from
 * it would plan the target by the old names (dropping the renamed columns with their values) and only then replay the
 * rename. So before renaming, the table records the intent in option {@value #OPTION}: the commit identifier of the
 * last checkpoint prepared before the rename and the rename steps. The first time a run touches a table, it undoes
 * every recorded rename its restored checkpoint does not cover (the replayed DDL makes it again) and clears the
 * record, so the target's names always match the committed checkpoint the run resumes from. A commit leaves the
 * record alone (clearing it would be another schema commit under open writers); the next run finds it covered. A
 * fresh start (no checkpoint) plans by the source's current schema: it clears the records and undoes nothing.
 */
final class PendingRenames {

  private static final Logger LOG = LoggerFactory.getLogger(PendingRenames.class);

  /** Table option holding the renames not yet covered by a committed checkpoint, one per line. */
  static final String OPTION = "tributary.renames-pending";

  private final Catalog catalog;
  private final String database;
  private final String pipeline;
  /** Undo a recorded rename made after this commit identifier, unless {@link #undo} is false. */
  private long restoredIdentifier = Long.MAX_VALUE;
  private boolean undo;
  /** The commit identifier of the last prepared checkpoint. */
  private LongSupplier lastPrepared = () -> 0;
  /** Tables this run has reconciled (recorded renames of earlier runs dealt with). */
  private final Set<String> reconciled = new HashSet<>();

  PendingRenames(Catalog catalog, String database, String pipeline) {
    this.catalog = catalog;
    this.database = database;
    this.pipeline = pipeline;
  }

  /**
   * Called by open: the run resumes after commit identifier {@code restoredIdentifier}; {@code fresh} when it has no
   * checkpoint. {@code lastPrepared} reads the identifier of the last checkpoint prepared.
   */
  void resume(long restoredIdentifier, boolean fresh, LongSupplier lastPrepared) {
    this.restoredIdentifier = restoredIdentifier;
    this.undo = !fresh;
    this.lastPrepared = lastPrepared;
  }

  /**
   * On the run's first touch of a table: undoes the renames an earlier run made after the restored checkpoint and
   * clears the record. Returns the table as it is now.
   */
  FileStoreTable reconcile(String name, FileStoreTable table) throws Exception {
    if (reconciled.contains(name)) {
      return table;
    }
    String value = table.options().get(OPTION);
    if (value == null) {
      reconciled.add(name);
      return table;
    }
    List<Entry> entries = parse(value);
    Set<String> names = new HashSet<>(table.rowType().getFieldNames());
    for (int e = entries.size() - 1; e >= 0; e--) {
      Entry entry = entries.get(e);
      if (!undo || entry.after < restoredIdentifier) {
        continue; // committed: the restored checkpoint names the new columns
      }
      for (int s = entry.steps.size() - 1; s >= 0; s--) {
        String[] step = entry.steps.get(s); // old, new
        if (names.contains(step[1]) && !names.contains(step[0])) { // made (a crash may have cut the steps short)
          try {
            catalog.alterTable(id(name), SchemaChange.renameColumn(step[1], step[0]), false);
          } catch (Exception failed) {
            // A writer beside this one (a group sharing the table) may have undone it at the same moment.
            catalog.invalidateTable(id(name));
            List<String> now = catalog.getTable(id(name)).rowType().getFieldNames();
            if (now.contains(step[1]) || !now.contains(step[0])) {
              throw failed;
            }
          }
          names.remove(step[1]);
          names.add(step[0]);
        }
      }
      LOG.info("[{}] undid the rename of {}.{} made after commit {}, which the restored checkpoint (commit {}) does"
          + " not cover: the replayed DDL renames again", pipeline, database, name, entry.after, restoredIdentifier);
    }
    catalog.alterTable(id(name), SchemaChange.removeOption(OPTION), false);
    reconciled.add(name); // only now: a retried call must find the record again
    catalog.invalidateTable(id(name));
    return (FileStoreTable) catalog.getTable(id(name));
  }

  /** Before renaming: records the steps (each {@code RenameColumn}) as belonging to the next checkpoint. */
  void record(String name, FileStoreTable table, List<SchemaChange> steps) throws Exception {
    StringBuilder entry = new StringBuilder().append(lastPrepared.getAsLong());
    for (SchemaChange c : steps) {
      SchemaChange.RenameColumn r = (SchemaChange.RenameColumn) c;
      entry.append(' ').append(encode(r.fieldNames()[r.fieldNames().length - 1])).append('/')
          .append(encode(r.newName()));
    }
    String current = table.options().get(OPTION);
    String value = current == null ? entry.toString() : current + "\n" + entry;
    catalog.alterTable(id(name), SchemaChange.setOption(OPTION, value), false);
    reconciled.add(name);
  }

  private Identifier id(String name) {
    return Identifier.create(database, name);
  }

  private record Entry(long after, List<String[]> steps, String line) {}

  private static List<Entry> parse(String value) {
    List<Entry> out = new ArrayList<>();
    for (String line : value.split("\n")) {
      String[] parts = line.split(" ");
      List<String[]> steps = new ArrayList<>();
      for (int i = 1; i < parts.length; i++) {
        String[] step = parts[i].split("/", 2);
        steps.add(new String[] {decode(step[0]), decode(step[1])});
      }
      out.add(new Entry(Long.parseLong(parts[0]), steps, line));
    }
    return out;
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
