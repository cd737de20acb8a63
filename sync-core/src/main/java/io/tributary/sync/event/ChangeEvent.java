package io.tributary.sync.event;

/**
 * One entry of a source's change log, in log order.
 *
 * <h2>Sequence numbers</h2>
 * Every event carries {@link #seq()}, a number that orders the source's log: it never decreases along the log, and
 * events with equal {@code seq} are ordered by their place in the log. The snapshot watermarks a source reports
 * ({@link io.tributary.sync.spi.SnapshotSink#lowWatermark(long)}) live in the same space. The engine uses it to
 * reconcile snapshot rows with log events per key ({@code _seq} in staging): a snapshot row read under low
 * watermark {@code w} is stamped {@code w - 1}, and every change the read could have missed has {@code seq >= w}.
 * MySQL derives it from the binlog file index and offset, PostgreSQL from the commit LSN.
 */
public sealed interface ChangeEvent permits RowChange, SchemaChange, TableTruncated, TableDropped, TableNeedsResync,
    Heartbeat, TransactionEnd {

  /** Order of this event in its source's log; see the type's documentation. */
  long seq();

  /** Where to resume so that the next event read follows this one. */
  SourcePosition position();

  /** When the source committed the change, in epoch milliseconds; for a heartbeat, when it was made. */
  long commitTimeMillis();
}
