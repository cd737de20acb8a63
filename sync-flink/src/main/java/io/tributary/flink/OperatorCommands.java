package io.tributary.flink;

import io.tributary.sync.internal.FlinkHost;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator commands from the job's control input ({@link TableCommand}), handed to the decider as the embedded
 * engine's {@code TableCommands} hands them (the same decider input, in order with the data). A command id seen
 * before is skipped, so a replayed control stream does not re-sync twice. Their outcome is logged: a Flink job has
 * no caller waiting for it.
 */
final class OperatorCommands {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorCommands.class);
  private static final AtomicLong NEXT = new AtomicLong();

  private OperatorCommands() {
  }

  static void apply(SourceItem.Command c, SnapshotPlans plans, FlinkHost host, Map<Long, String> ids, String name,
      FlinkVerifications verifications) {
    if (!plans.firstTime(c.id())) {
      LOG.info("[{}] command {} was applied before: skipped", name, c.id());
      return;
    }
    if (FlinkVerifications.handles(c.op())) {
      LOG.info("[{}] command {}: {} {}", name, c.id(), c.op(), c.tables());
      verifications.start(c); // not the decider's: verification runs beside it
      return;
    }
    issue(next(), host, ids, name, c.id(), c.op(), c.tables(), c.filter());
  }

  /** A number for a decider command (its {@code commandDone} names it). */
  static long next() {
    return NEXT.incrementAndGet();
  }

  /** Hands command {@code n} (named {@code id} in the log) to the decider (operator thread). */
  static void issue(long n, FlinkHost host, Map<Long, String> ids, String name, String id, String op,
      java.util.List<io.tributary.sync.event.TableId> tables, io.tributary.sync.event.RowFilter filter) {
    ids.put(n, id);
    LOG.info("[{}] command {}: {} {}{}", name, id, op, tables, filter == null ? "" : " where " + filter);
    host.command(n, op, tables, filter);
  }

  static void done(long n, RuntimeException error, Map<Long, String> ids, String name) {
    String id = ids.remove(n);
    if (error == null) {
      LOG.info("[{}] command {} done", name, id);
    } else {
      LOG.warn("[{}] command {} refused: {}", name, id, error.getMessage());
    }
  }
}
