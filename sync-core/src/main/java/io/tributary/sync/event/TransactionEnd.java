package io.tributary.sync.event;

/**
 * The end of a source transaction whose changes were delivered just before it (MySQL/MariaDB XID or COMMIT, a
 * PostgreSQL Commit message). Its position lies between transactions ({@link SourcePosition#insideTransaction()} is
 * false), so the engine may cut a checkpoint right after it: a source transaction is never split across target
 * commits. One per transaction that delivered changes, not per change; sources that do not mark transactions never
 * emit it, and then every event is its own transaction.
 *
 * @param seq              not below the seq of the transaction's changes, and below the next transaction's
 * @param position         where to resume: after this transaction, before the next
 * @param commitTimeMillis when the source committed the transaction, epoch milliseconds
 */
public record TransactionEnd(long seq, SourcePosition position, long commitTimeMillis) implements ChangeEvent {
}
