package io.tributary.sync.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which discovered tables a pipeline captures and which target each goes to: mirror mode by table selectors (target
 * named after the table), merge mode by virtual tables. Refuses tables without a primary key, tables claimed by two
 * virtual tables, and mirror targets that two tables would share, each with the fix.
 */
final class TableSelection {

  record Selected(int sourceIndex, TableSchema schema, String target) {
  }

  private final List<Selected> tables;
  /** Per source index, its log positions around this discovery (null: a fresh start, or it cannot tell). */
  private final List<Checkpoint.Discovery> discoveries;

  private TableSelection(List<Selected> tables) {
    this(tables, List.of());
  }

  private TableSelection(List<Selected> tables, List<Checkpoint.Discovery> discoveries) {
    this.tables = tables;
    this.discoveries = discoveries;
  }

  /** This selection, found between the sources' log positions {@code discoveries} (by source index; null unknown). */
  TableSelection discoveredBetween(List<Checkpoint.Discovery> discoveries) {
    return new TableSelection(tables, java.util.Collections.unmodifiableList(new ArrayList<>(discoveries)));
  }

  /** Source {@code index}'s log positions around this discovery, or null when not known. */
  Checkpoint.Discovery discovery(int index) {
    return index < discoveries.size() ? discoveries.get(index) : null;
  }

  List<Selected> tables() {
    return tables;
  }

  List<TableSchema> schemasOf(String source) {
    return tables.stream().filter(s -> s.schema().id().source().equals(source)).map(Selected::schema).toList();
  }

  static TableSelection select(PipelineConfig config, List<ChangeSource> sources) {
    return select(config, sources, Set.of());
  }

  /**
   * @param checkpointed the tables of the checkpoint a restart resumes from (empty on a first start): a selector
   *                     that matched some of them and now matches nothing names them in its error
   */
  static TableSelection select(PipelineConfig config, List<ChangeSource> sources, Set<TableId> checkpointed) {
    List<Selected> out = new ArrayList<>();
    List<TableId> discovered = new ArrayList<>();
    List<TableId> noKey = new ArrayList<>();
    Map<String, TableId> targetOwner = new HashMap<>();
    Map<String, Integer> virtualMatches = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      // Discovery sees the selection: a table the pipeline never captures must not fail it (an unmappable column
      // type), now or at a failover's re-discovery.
      for (TableSchema schema : sources.get(i).discoverTables(id -> wanted(config, id))) {
        TableId id = schema.id();
        if (matchesAny(config.excludedTables(), id)) {
          continue;
        }
        discovered.add(id);
        String target = config.mode() == SyncMode.MIRROR ? mirrorTarget(config, id) : virtualTarget(config, id);
        if (target == null) {
          continue;
        }
        if (!schema.hasPrimaryKey()) {
          noKey.add(id);
          continue;
        }
        if (config.mode() == SyncMode.MIRROR) {
          TableId previous = targetOwner.putIfAbsent(target, id);
          if (previous != null) {
            throw SyncException.of(ErrorCode.TARGET_NAME_CONFLICT,
                "mirror mode maps both " + previous + " and " + id + " to target table "
                + target + "; name targets apart with mirrorTargetNaming(id -> id.database() + \"_\" + id.table()),"
                + " exclude one with excludeTables(...), or use merge mode with a virtual table", null);
          }
        } else {
          virtualMatches.merge(target, 1, Integer::sum);
        }
        out.add(new Selected(i, schema, target));
      }
    }
    if (!noKey.isEmpty()) {
      throw SyncException.of(ErrorCode.NO_PRIMARY_KEY,
          "only tables with a primary key can be synced; these have none: " + noKey
          + ". Add a primary key to each, or leave them out with excludeTables(...)", null);
    }
    for (VirtualTable v : config.virtualTables()) {
      if (!virtualMatches.containsKey(v.name())) {
        throw SyncException.of(ErrorCode.NOTHING_SELECTED,
            "virtual table " + v.name() + " matches no source table (selectors "
            + v.selectors() + "); check the source, schema and table patterns"
            + gone(v.selectors(), checkpointed), null);
      }
    }
    if (out.isEmpty()) {
      throw SyncException.of(ErrorCode.NOTHING_SELECTED,
          "the pipeline selects no table; check tables(...), excludeTables(...) and the"
          + " sources' own include patterns" + gone(config.tables(), checkpointed), null);
    }
    if (config.mode() == SyncMode.MIRROR) {
      // A selector given by the host that matches nothing is a typo, or its tables are gone since the last run.
      for (TableSelector s : config.tables()) {
        if (discovered.stream().noneMatch(s::matches)) {
          throw SyncException.of(ErrorCode.NOTHING_SELECTED, "table selector " + s + " matches no source table;"
              + " check its patterns against the source, or remove it from tables(...)"
              + gone(List.of(s), checkpointed), null);
        }
      }
    }
    return new TableSelection(out);
  }

  /** After a restart: which checkpointed tables these selectors matched, now gone from the source. */
  private static String gone(List<TableSelector> selectors, Set<TableId> checkpointed) {
    List<TableId> before = checkpointed.stream().filter(id -> matchesAny(selectors, id)).toList();
    return before.isEmpty() ? "" : ". At the last checkpoint it matched " + before + ", which the source no longer"
        + " has (dropped or renamed while the pipeline was stopped); their targets keep the rows as of then."
        + " Restore the tables, or change the selectors to the tables' new names";
  }

  /** Whether the pipeline's selectors take {@code id}, before any check that could refuse it. */
  static boolean wanted(PipelineConfig config, TableId id) {
    if (matchesAny(config.excludedTables(), id)) {
      return false;
    }
    if (config.mode() == SyncMode.MIRROR) {
      return matchesAny(config.tables(), id);
    }
    for (VirtualTable v : config.virtualTables()) {
      if (matchesAny(v.selectors(), id)) {
        return true;
      }
    }
    return false;
  }

  private static String mirrorTarget(PipelineConfig config, TableId id) {
    if (!matchesAny(config.tables(), id)) {
      return null;
    }
    String target = config.mirrorTargetNaming().apply(id);
    if (target == null || target.isBlank()) {
      throw SyncException.of(ErrorCode.TARGET_NAME_CONFLICT, "mirrorTargetNaming gave no target name for " + id, null);
    }
    return target;
  }

  /** Merge mode: the virtual table {@code id} belongs to by the selectors alone, "" when none (or two) match it. */
  static String virtualTableOf(PipelineConfig config, TableId id) {
    try {
      String v = virtualTarget(config, id);
      return v == null ? "" : v;
    } catch (SyncException e) {
      return "";
    }
  }

  private static String virtualTarget(PipelineConfig config, TableId id) {
    String found = null;
    for (VirtualTable v : config.virtualTables()) {
      if (matchesAny(v.selectors(), id)) {
        if (found != null) {
          throw SyncException.of(ErrorCode.TARGET_NAME_CONFLICT,
              "table " + id + " is matched by virtual tables " + found + " and " + v.name()
              + "; narrow their selectors so each table belongs to one", null);
        }
        found = v.name();
      }
    }
    return found;
  }

  private static boolean matchesAny(List<TableSelector> selectors, TableId id) {
    for (TableSelector s : selectors) {
      if (s.matches(id)) {
        return true;
      }
    }
    return false;
  }
}
