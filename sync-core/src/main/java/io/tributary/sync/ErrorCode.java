package io.tributary.sync;

/**
 * The stable code of every {@link SyncException}: what a host can switch on, alert on and look up, where the message
 * is for people. Codes are never renamed or reused; new ones may be added. Each code has an {@link Action} (what the
 * pipeline does about it, and so what the operator must do) and a fix, which the README's error table lists.
 *
 * <p>{@link SyncException#isRetriable()} is {@code action() == Action.RETRIED}.
 */
public enum ErrorCode {

  // ---------------------------------------------------------------- retried automatically

  SOURCE_UNREACHABLE(Action.RETRIED, "the source server cannot be reached (connection refused, unknown host,"
      + " connect timeout)", "check host, port and network; the pipeline keeps retrying with backoff up to"
      + " maxFailovers"),
  CONNECTION_LOST(Action.RETRIED, "a connection to the source or a read from it failed (server restart,"
      + " network, idle timeout)", "none if it recovers; if it repeats, check the server and the timeouts the"
      + " message names"),
  REPLICATION_SLOT_BUSY(Action.RETRIED, "the PostgreSQL replication slot is still in use by another connection",
      "stop the other pipeline or client reading the slot, or give this source its own slotName"),
  STORAGE_UNAVAILABLE(Action.RETRIED, "a target storage operation failed transiently", "none if it recovers; if it"
      + " repeats, check the storage the message names"),
  INTERRUPTED(Action.RETRIED, "a pipeline thread was interrupted while waiting", "none: the run restarts from the"
      + " last checkpoint (or stops, when the pipeline is stopping)"),
  WORKER_FAILED(Action.RETRIED, "a snapshot or log worker thread failed with an unexpected error", "none if it"
      + " recovers; if it repeats, report it with the log"),
  CHECKPOINT_BEHIND_TARGET(Action.RETRIED, "the target holds a newer commit than the checkpoint the run loaded:"
      + " an earlier run of the pipeline (still stopping, or a second instance) committed after the load",
      "none if it recovers (the next attempt loads the newer checkpoint); if it repeats, run the pipeline in one"
      + " process only and keep the checkpoint store the target was written with (or offline() it and full-sync)"),
  TRANSIENT(Action.RETRIED, "a transient failure not classified further", "none if it recovers; if it repeats,"
      + " report it with the log"),

  // ---------------------------------------------------------------- needs the operator

  AUTHENTICATION_FAILED(Action.OPERATOR, "the source refused the user or password", "fix user and password on the"
      + " source builder, or create the user with the grants the preflight lists"),
  UNKNOWN_DATABASE(Action.OPERATOR, "the database named on the source builder does not exist", "fix the database"
      + " name on the source builder, or create the database"),
  PRIVILEGE_MISSING(Action.OPERATOR, "the sync user lacks a privilege", "grant the privilege the message names"
      + " (the preflight lists them all)"),
  PREFLIGHT_FAILED(Action.OPERATOR, "a server setting or grant is missing (each line names the setting, the value"
      + " found and the fix)", "change the setting, restart the server if needed"),
  SERVER_UNSUPPORTED(Action.OPERATOR, "the server's version or configuration is one the source cannot read"
      + " (binary logging off, PostgreSQL older than 13, compressed binlog transactions, time zone unlike the"
      + " server's)", "change the server setting or the source option the message names"),
  SERVER_ID_CONFLICT(Action.OPERATOR, "every binlog client server id in the configured range is in use",
      "configure a free serverIdRange or stop the other clients"),
  PACKET_TOO_LARGE(Action.OPERATOR, "a binlog event is larger than max_allowed_packet", "raise"
      + " max_allowed_packet (and slave_max_allowed_packet) on the server"),
  POSITION_UNAVAILABLE(Action.OPERATOR, "the log position to resume from is gone (purged binlog, missing or"
      + " invalidated slot)", "onLostLogPosition(LostLogPosition.RESYNC) recovers by itself; otherwise start from a"
      + " current position (the message suggests one) and resync the affected tables"),
  SERVER_CHANGED(Action.OPERATOR, "the checkpoint's log position was read on another server (a failover, or the"
      + " source pointed elsewhere) and cannot be carried over: MySQL/MariaDB without usable GTIDs (file/position"
      + " mode, gtid_mode OFF, or the new server lacks transactions already synced), or another PostgreSQL cluster"
      + " (system identifier); a same-named binlog file on another server is never read", "point the source back"
      + " at the checkpoint's server, or (MySQL/MariaDB) let the replica catch up / enable GTIDs, or offline() the"
      + " pipeline and start it with a full sync"),
  START_POSITION_UNSUPPORTED(Action.OPERATOR, "the custom start position is one this source cannot start from",
      "start from a position the message names (an LSN, latest or earliest)"),
  REPLICATION_SLOT_CONFLICT(Action.OPERATOR, "the replication slot exists with another output plugin", "drop the"
      + " slot or configure another slotName"),
  NO_PRIMARY_KEY(Action.OPERATOR, "a selected table has no primary key", "add one, or excludeTables(...)"),
  NOTHING_SELECTED(Action.OPERATOR, "the selectors match no source table (at start, or after a restart once the"
      + " tables they matched are gone)", "check tables(...), excludeTables(...) and the virtual tables' selectors"
      + " against the source"),
  TARGET_NAME_CONFLICT(Action.OPERATOR, "two source tables map to one target, or a table is matched by two"
      + " virtual tables", "mirrorTargetNaming(...), exclude one, or narrow the selectors"),
  TARGET_OWNED_ELSEWHERE(Action.OPERATOR, "the Paimon target belongs to another pipeline", "give this pipeline its"
      + " own database or target names"),
  UNSUPPORTED_COLUMN_TYPE(Action.OPERATOR, "a selected table has a column type the source does not map",
      "excludeTables(...) the table, or change the column type"),
  REPLICA_IDENTITY_INSUFFICIENT(Action.OPERATOR, "the PostgreSQL WAL does not carry a value the change needs (an"
      + " unchanged TOASTed column)", "ALTER TABLE ... REPLICA IDENTITY FULL, then resync the table"),
  SCHEMA_CHANGE_REFUSED(Action.OPERATOR, "a schema change failed the pipeline, as its schema-evolution policy"
      + " says", "revert the source change, or choose a policy that evolves or stops the table"),
  WRITER_STATE_LIMIT(Action.OPERATOR, "the writer cannot apply a scoped delete: more rows were written since the"
      + " last checkpoint than it remembers", "raise the writer's maxTrackedRows"),
  STORAGE_FAILED(Action.OPERATOR, "a target storage operation failed and will fail again", "fix what the message"
      + " names (permissions, space, configuration) and start again"),
  RUNNER_UNSUPPORTED(Action.OPERATOR, "the Flink runner (sync-flink) met something it does not handle yet while"
      + " the job runs (the message names it: e.g. a writer parallelism changed across a restore)", "stop the job"
      + " with a savepoint and run the affected tables' sync embedded, or restart the job after the change"),
  VERIFY_UNSUPPORTED(Action.CALL_REFUSED, "verify or repair"
      + " cannot compare this table: its writer cannot read targets back (no `Capability.SCAN`), or in a virtual"
      + " table its rows cannot be told apart from other shards'",
      "use a writer that declares SCAN (Paimon, in-memory); in merge mode configure extendedFields(...) that"
      + " identify the source table"),
  VERIFY_TABLE_NOT_STREAMING(Action.CALL_REFUSED, "verify or"
      + " repair of a table that is not streaming (in a full sync, re-sync or catch-up, paused, pending or"
      + " stopped), whose target is not expected to equal its source",
      "wait until status() shows the table STREAMING (re-sync a stopped one), then verify again: it resumes from its"
      + " last finished chunk"),

  // ---------------------------------------------------------------- table stopped (others go on)

  SCHEMA_INCOMPATIBLE(Action.TABLE_STOPPED, "a schema change the target cannot follow (`pk column different`, `pk"
      + " column type mismatch`, `invalid modify column`), or shards that cannot be merged", "revert the source"
      + " change, then resync(table)"),
  LIMIT_EXCEEDED(Action.TABLE_STOPPED, "a key over maxPrimaryKeyBytes or a field over maxFieldBytes", "raise the"
      + " limit (or drop extended fields from the key), then resync(table)"),
  TABLE_DROPPED(Action.TABLE_STOPPED, "a captured source table was dropped or renamed away; its target keeps the"
      + " rows as of then", "resync(table) once it exists again, or remove it from the pipeline"),
  TABLE_NEEDS_RESYNC(Action.TABLE_STOPPED, "the log cannot carry a change of the table (a DDL it cannot apply, a"
      + " partition operation)", "resync(table)"),
  VALUE_NOT_REPRESENTABLE(Action.TABLE_STOPPED, "a source value its target column cannot hold exactly (MySQL"
      + " TIME outside a day, a zero or non-calendar date, PostgreSQL date/timestamp infinity, NaN in a constrained"
      + " numeric, 24:00:00 in a millisecond time): it is refused, never truncated, and its row is not written",
      "correct the value or the column type (the message names both; MySQL zero dates: or"
      + " zeroDates(ZeroDates.NULL)), then resync(table). Found by the writer instead of the source (a backstop),"
      + " it stops the tables whose rows the refused batch held: the staging table, or every streaming shard of a"
      + " direct batch's target"),
  TRUNCATE_UNSUPPORTED(Action.TABLE_STOPPED, "a TRUNCATE of a shard cannot be applied to its virtual table",
      "configure identifying extendedFields(...), then resync(table)"),

  // ---------------------------------------------------------------- pipeline failed

  UNDECODABLE_CHANGE(Action.PIPELINE_FAILED, "a change in the log, or a row read in a full sync, cannot be"
      + " decoded", "report it with the message;"
      + " resync the affected tables or start from a later position"),
  CHECKPOINT_TABLE_MISSING(Action.PIPELINE_FAILED, "the checkpoint holds rows for a target table that was dropped"
      + " outside the pipeline", "offline() the pipeline and start it with a full sync"),
  CHECKPOINT_UNREADABLE(Action.PIPELINE_FAILED, "the stored checkpoint cannot be read (not a Tributary checkpoint, a"
      + " newer format, or corrupt)", "run the build that wrote it, or clear it (offline()) and start with a full"
      + " sync"),
  INTERNAL(Action.PIPELINE_FAILED, "an unexpected error (a bug)", "report it with the log; start() resumes from"
      + " the last checkpoint");

  /** What the pipeline does about a failure, and so what the operator must do. */
  public enum Action {
    /** The pipeline fails over (reconnects, resumes from its last checkpoint, with backoff); an alert each time. */
    RETRIED,
    /** The pipeline fails (or does not start) until the operator applies the fix, then {@code start()} resumes. */
    OPERATOR,
    /** The table alone is stopped (its status says why); the others go on. Fix, then {@code resync(table)}. */
    TABLE_STOPPED,
    /** The pipeline fails and its state cannot simply be resumed: the fix names the re-sync or report to make. */
    PIPELINE_FAILED,
    /**
     * Only the operation asked for is refused (its future completes exceptionally with the code); the pipeline and
     * its tables go on as before. Fix, then call again.
     */
    CALL_REFUSED
  }

  private final Action action;
  private final String cause;
  private final String fix;

  ErrorCode(Action action, String cause, String fix) {
    this.action = action;
    this.cause = cause;
    this.fix = fix;
  }

  public Action action() {
    return action;
  }

  /** What goes wrong, in general (the message says what went wrong this time). */
  public String cause() {
    return cause;
  }

  /** What the operator does. */
  public String fix() {
    return fix;
  }

  /** Whether a failover may succeed: the pipeline retries exactly the codes whose action is {@link Action#RETRIED}. */
  public boolean retriable() {
    return action == Action.RETRIED;
  }

  /** The code of any failure: a {@link SyncException}'s own, else {@link #INTERNAL}. */
  public static ErrorCode of(Throwable error) {
    return error instanceof SyncException s ? s.code() : INTERNAL;
  }
}
