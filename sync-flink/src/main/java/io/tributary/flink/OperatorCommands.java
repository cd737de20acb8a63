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

  static void apply(SourceItem.Command c, SnapshotPlans plans, FlinkHost host, Map<Long, String> ids, String name) {
    if (!plans.firstTime(c.id())) {
      LOG.info("[{}] command {} was applied before: skipped", name, c.id());
      return;
    }
    long n = NEXT.incrementAndGet();
    ids.put(n, c.id());
    LOG.info("[{}] command {}: {} {}{}", name, c.id(), c.op(), c.tables(),
        c.filter() == null ? "" : " where " + c.filter());
    host.command(n, c.op(), c.tables(), c.filter());
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
