package io.tributary.mysql.internal;

import io.tributary.sync.event.TableId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows online schema change tools through the log. gh-ost and pt-online-schema-change alter a table {@code t}
 * by building a ghost ({@code _t_gho}, {@code _t_new}: {@code CREATE TABLE ... LIKE t} or the original's own
 * definition, then {@code ALTER}), copying the rows and keeping the ghost in step, and finally swapping it in with one
 * atomic {@code RENAME TABLE t TO _t_del, _t_gho TO t}. At that swap the ghost holds the original's rows, so the
 * captured table carries on with the ghost's layout: a schema change, not a dropped table needing a re-sync.
 *
 * <p>Only a swap in one statement, of a ghost whose whole life (creation and every change) this log showed, and
 * whose name is the tool's name for that very table, is followed. The layout is the one the log built, never the
 * server's current one. The ghost's own rows are not decoded: they are copies the original's changes already carry.
 */
final class GhostTables {

  /** gh-ost: {@code _t_gho}; pt-online-schema-change: {@code _t_new}, with more leading underscores when taken. */
  private static final Pattern GHOST = Pattern.compile("_+(.+)_(gho|new)");

  private final Map<TableId, MySqlTable> ghosts = new HashMap<>();

  /** The captured table {@code id} is the ghost of, by the tools' naming, or empty. */
  static Optional<TableId> originalOf(TableId id) {
    Matcher m = GHOST.matcher(id.table());
    return m.matches() ? Optional.of(TableId.of(id.source(), id.database(), m.group(1))) : Optional.empty();
  }

  /**
   * Tracks {@code created} when it is a ghost of a tracked table.
   *
   * @param layout the created table's layout as the statement gives it (LIKE resolved by the caller), or null
   */
  void created(TableId created, MySqlTable layout, Function<TableId, MySqlTable> tracked) {
    ghosts.remove(created);
    Optional<TableId> original = originalOf(created);
    if (layout != null && original.isPresent() && tracked.apply(original.get()) != null) {
      ghosts.put(created, layout);
    }
  }

  boolean tracks(TableId id) {
    return ghosts.containsKey(id);
  }

  /** Applies an {@code ALTER TABLE} to a tracked ghost; one the tracker cannot apply is no longer followed. */
  void altered(TableId id, java.util.function.UnaryOperator<MySqlTable> alter) {
    MySqlTable ghost = ghosts.get(id);
    if (ghost != null) {
      MySqlTable altered = alter.apply(ghost);
      if (altered == null) {
        ghosts.remove(id);
      } else {
        ghosts.put(id, altered);
      }
    }
  }

  void dropped(TableId id) {
    ghosts.remove(id);
  }

  /**
   * The swap in a {@code RENAME TABLE} statement, if it is one: a tracked ghost of {@code t} renamed onto {@code t}
   * while {@code t} itself is renamed away in the same statement.
   *
   * @return the ghost's layout under the original's name, or empty when the statement is no such swap
   */
  Optional<Swap> swap(List<DdlParser.Rename> renames) {
    for (DdlParser.Rename in : renames) {
      MySqlTable ghost = ghosts.get(in.from());
      if (ghost == null || !originalOf(in.from()).map(o -> sameName(o, in.to())).orElse(false)) {
        continue;
      }
      for (DdlParser.Rename out : renames) {
        if (out.from().equals(in.to()) && renames.indexOf(out) < renames.indexOf(in)) {
          ghosts.remove(in.from());
          return Optional.of(new Swap(in.to(), in.from(), ghost.withId(in.to())));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean sameName(TableId a, TableId b) {
    return a.source().equals(b.source()) && a.database().equals(b.database())
        && a.table().toLowerCase(Locale.ROOT).equals(b.table().toLowerCase(Locale.ROOT));
  }

  /** A ghost swapped in: {@code original} now has {@code layout}; {@code ghost} is gone under its name. */
  record Swap(TableId original, TableId ghost, MySqlTable layout) {
  }
}
