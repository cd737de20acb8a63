package io.tributary.sync;

/**
 * A schema change the target cannot follow, or shard schemas that cannot be merged. The reason starts with the
 * operators' wording ({@code pk column different}, {@code pk column type mismatch}, {@code invalid modify column})
 * when it applies. The affected table is stopped alone; revert the source change or re-sync the table.
 */
public class SchemaIncompatibleException extends SyncException {

  private static final long serialVersionUID = 1L;

  public SchemaIncompatibleException(String message) {
    super(ErrorCode.SCHEMA_INCOMPATIBLE, message);
  }

  /** With another code, e.g. {@link ErrorCode#SCHEMA_CHANGE_REFUSED} when the policy fails the pipeline. */
  public SchemaIncompatibleException(ErrorCode code, String message) {
    super(code, message);
  }
}
