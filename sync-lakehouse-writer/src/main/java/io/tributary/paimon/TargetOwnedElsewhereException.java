package io.tributary.paimon;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;

/**
 * A pipeline asked for a target table that another pipeline created in the same Paimon database. Two pipelines
 * cannot write one table correctly: Paimon's fixed-bucket writers of two commit users conflict on the same buckets,
 * and either pipeline's full sync overwrites (deletes) the other's rows. Not retriable; give each pipeline its own
 * database ({@link PaimonWriterBuilder#database}) or its own target names.
 */
public final class TargetOwnedElsewhereException extends SyncException {

  private static final long serialVersionUID = 1L;

  private final String table;
  private final String owner;

  public TargetOwnedElsewhereException(String table, String owner, String pipeline) {
    super(ErrorCode.TARGET_OWNED_ELSEWHERE,
        "Paimon table " + table + " belongs to pipeline '" + owner + "' (table option tributary.pipeline), not to"
        + " pipeline '" + pipeline + "': two pipelines cannot write one table (their writers conflict on its buckets,"
        + " and a full sync of either overwrites the other's rows). Give this pipeline its own database"
        + " (PaimonWriterBuilder.database) or target names; if pipeline '" + owner + "' is gone for good, drop the"
        + " table or set its option tributary.pipeline to '" + pipeline + "'");
    this.table = table;
    this.owner = owner;
  }

  /** The table, as {@code database.table}. */
  public String table() {
    return table;
  }

  /** The pipeline that owns it. */
  public String owner() {
    return owner;
  }
}
