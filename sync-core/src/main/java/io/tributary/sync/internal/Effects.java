package io.tributary.sync.internal;

import io.tributary.sync.event.TableId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.event.Level;

/**
 * The decider's effect buffer, reused from input to input (the runtime drains it after each). It also remembers
 * whether a write, merge, drop or delete was asked for since the last checkpoint, which is what "uncommitted" means
 * to the commit policy (the decider does not ask the writer); the table its log lines are about ({@link #logTable});
 * and a failure ({@link #fail}), after which it holds only the {@link Effect.Fail} and takes nothing more.
 */
final class Effects {

  private final ArrayList<Effect> list = new ArrayList<>();
  private final Suspension suspension;
  private boolean written;
  /** The table the decider works on, for the MDC keys of its log lines; null: none in particular. */
  private TableId logTable;
  private Effect.Fail failed;

  Effects(Suspension suspension) {
    this.suspension = suspension;
  }

  void add(Effect e) {
    if (failed != null) {
      return; // decided after the failure: abandoned with the rest of the input
    }
    if (suspension.active()) {
      throw new IllegalStateException("effect " + e + " decided while waiting for an EnsureTable answer");
    }
    if (e instanceof Effect.Write || e instanceof Effect.WriteStaging || e instanceof Effect.MergeStaging
        || e instanceof Effect.DropStaging || e instanceof Effect.DeleteWhere) {
      written = true;
    } else if (e instanceof Effect.TakeCheckpoint) {
      written = false;
    }
    list.add(e);
  }

  /** A line for the runtime to log ({@link Effect.Log}), about the table the decider works on now, if any. */
  void log(Class<?> logger, Level level, String format, Object... args) {
    add(new Effect.Log(logger, level, logTable, format, args));
  }

  void info(Class<?> logger, String format, Object... args) {
    log(logger, Level.INFO, format, args);
  }

  void warn(Class<?> logger, String format, Object... args) {
    log(logger, Level.WARN, format, args);
  }

  /**
   * Log lines from here until the returned scope is closed are about {@code table} (the runtime puts its MDC keys);
   * scopes nest. {@code try (var scope = out.logTable(t.id)) { ... }}. For rare events; the log path uses the
   * allocation-free {@link #swapLogTable}.
   */
  LogScope logTable(TableId table) {
    return new LogScope(this, swapLogTable(table));
  }

  /**
   * Makes log lines from here on about {@code table} and returns the table they were about, which the caller puts
   * back in a {@code finally}: {@link #logTable} without the scope object, for the per-event path.
   */
  TableId swapLogTable(TableId table) {
    TableId previous = logTable;
    logTable = table;
    return previous;
  }

  /** Restores the table log lines were about before a {@link #logTable} scope. */
  record LogScope(Effects effects, TableId previous) implements AutoCloseable {
    @Override
    public void close() {
      effects.logTable = previous;
    }
  }

  /**
   * The input fails the run with {@code cause}: the effects decided for it so far are abandoned, as a throw
   * abandoned them, but for its log lines (logged at once when the decider logged itself); the {@link Effect.Fail}
   * closes the list, and is all it holds from the next input on (the decider is done).
   */
  void fail(RuntimeException cause) {
    if (failed != null) {
      return;
    }
    failed = new Effect.Fail(cause);
    list.removeIf(e -> !(e instanceof Effect.Log));
    list.add(failed);
  }

  /** The failure, or null while the decider works. */
  Effect.Fail failed() {
    return failed;
  }

  /** Whether a write-like effect was asked for since the last checkpoint. */
  boolean written() {
    return written;
  }

  List<Effect> list() {
    return list;
  }

  void clear() {
    list.clear();
    if (failed != null) {
      list.add(failed);
    }
  }
}
