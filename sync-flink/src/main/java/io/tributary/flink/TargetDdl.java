package io.tributary.flink;

import io.tributary.sync.SchemaIncompatibleException;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.TargetTable;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision operator's answer to the decider's {@code EnsureTable}. The decider needs the answer at once (a
 * refusal stops the table alone, as in the embedded engine), but the DDL itself belongs to the target's writer
 * subtask: its writer owns the table (Paimon's {@code tributary.pipeline} is {@code <name>-w<k>}) and holds rows in
 * the old layout, and a second writer opened under that name would drop the subtask's staging on {@code open}. So
 * the operator asks the writer's read-only {@link ChangeWriter#checkTable} here: a refusal goes back to the decider,
 * which stops the table with the reason and checkpoints it stopped; an accepted layout goes to the target's subtask
 * as a {@link WriteOp.Ensure}, which commits the writes before it and then evolves the table, in order with its
 * writes (see {@link WriterOperator}). The writer built here is never opened: the check reads its catalog only.
 */
final class TargetDdl {

  private static final Logger LOG = LoggerFactory.getLogger(TargetDdl.class);

  private TargetDdl() {
  }

  /** The refusal of {@code table}'s layout, or null when {@code writer}'s check accepts it. */
  static SchemaIncompatibleException check(ChangeWriter writer, TargetTable table, Map<String, String> renamedFrom,
      String pipeline) {
    try {
      writer.checkTable(table, renamedFrom);
      return null;
    } catch (SchemaIncompatibleException e) {
      LOG.warn("[{}] the writer refuses {} as {}: {}", pipeline, table.name(), table.columns(), e.getMessage());
      return e;
    }
  }
}
