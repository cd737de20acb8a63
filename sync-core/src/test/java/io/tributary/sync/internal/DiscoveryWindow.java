package io.tributary.sync.internal;

import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import io.tributary.sync.spi.ForwardingChangeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Source changes logged while a resumed run discovers its tables: between the log ends {@link RunStartup} takes
 * before and after the discovery ({@link Checkpoint.Discovery}), before or after a source's schemas were read. Now and
 * then a restart's discovery of one source comes with a transaction or (with schema changes on) a column added or
 * dropped there, and in about every other start that adds a table, with a change of that table's columns (added,
 * dropped, or moved: same width), so a table new to the run has a DDL inside its discovery window, which its
 * discovered schema may or may not have: its sync must restart there (see design.md "A table added to the
 * selection"). The pipeline sees the sources through {@link #wrap}.
 */
final class DiscoveryWindow {

  /** Whether changes are logged during discoveries ({@code -Dtributary.sim.discoveryWindow=false}: never). */
  static final boolean ON = Boolean.parseBoolean(System.getProperty("tributary.sim.discoveryWindow", "true"));

  private final List<SimulatedSource> sources;
  private final Random rnd;
  private final Predicate<TableId> noAlter;
  private final java.util.function.ToIntFunction<TableId> sourceIndex;
  private final boolean schemaChanges;
  /** The source whose discovery is followed by a change in the next discovery, or -1. */
  private int armed = -1;
  private boolean alter;
  /** Whether the change comes before the source's schemas are read (else after). */
  private boolean beforeRead;
  /** The added table whose columns change in the next discovery's window, or null. */
  private TableId target;
  private int changes;

  /**
   * @param noAlter tables no column may be added to or dropped from here (a merge target that cannot tell its
   *                shards apart: the documented upsert gap, see {@link SimulatedShards#UPSERT_RESYNC_ALTER})
   */
  DiscoveryWindow(List<SimulatedSource> sources, java.util.function.ToIntFunction<TableId> sourceIndex, Random rnd,
      Predicate<TableId> noAlter, boolean schemaChanges) {
    this.sources = sources;
    this.sourceIndex = sourceIndex;
    this.rnd = rnd;
    this.noAlter = noAlter;
    this.schemaChanges = schemaChanges;
  }

  /** The sources as the pipeline sees them: their discoveries may be followed by a change (see {@link #arm}). */
  List<ChangeSource> wrap() {
    List<ChangeSource> out = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      int index = i;
      out.add(new ForwardingChangeSource(sources.get(i).db.source()) {
        @Override
        public List<TableSchema> discoverTables(Predicate<TableId> selected) {
          if (armed == index && beforeRead) { // logged after the first log end, yet in the schemas read
            armed = -1;
            change(sources.get(index));
          }
          List<TableSchema> found = super.discoverTables(selected);
          if (armed == index) { // logged before the second log end, not in the schemas read
            armed = -1;
            change(sources.get(index));
          }
          return found;
        }
      });
    }
    return out;
  }

  /**
   * A run is about to start from {@code restored} (null: fresh, its log opens after the discovery: nothing);
   * {@code added}: a table the run adds to the selection (else null), whose columns change in its own discovery's
   * window in about every other such start.
   */
  void arm(Checkpoint restored, TableId added) {
    armed = -1;
    target = null;
    if (restored == null || !ON) {
      return;
    }
    beforeRead = rnd.nextBoolean();
    if (added != null && schemaChanges && !noAlter.test(added) && rnd.nextBoolean()) {
      armed = sourceIndex.applyAsInt(added);
      alter = true;
      target = added;
    } else if (rnd.nextInt(3) == 0) {
      armed = rnd.nextInt(sources.size());
      alter = schemaChanges && rnd.nextBoolean();
    }
  }

  private void change(SimulatedSource s) {
    changes++;
    MergeInvariant.TOTALS[8]++;
    if (target != null) {
      MergeInvariant.TOTALS[9]++;
      for (int i = rnd.nextInt(3); i > 0; i--) {
        s.transaction(); // rows laid out by the schema before the change, logged inside the window
      }
      if (rnd.nextBoolean()) {
        s.alterTable(target);
      } else { // columns moved: the rows logged before read misplaced by the schema after, same width
        TableSchema schema = s.db.schema(target);
        List<io.tributary.sync.event.Column> columns = new ArrayList<>(schema.columns());
        java.util.Collections.shuffle(columns, rnd);
        if (columns.equals(schema.columns())) {
          java.util.Collections.reverse(columns);
        }
        s.db.alterTable(new TableSchema(target, columns, schema.primaryKey()));
        s.record();
      }
    } else if (alter) {
      s.alter(noAlter);
    } else {
      s.transaction();
    }
  }

  /** How many discoveries were followed by a change. */
  int changes() {
    return changes;
  }
}
