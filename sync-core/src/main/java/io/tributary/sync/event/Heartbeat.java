package io.tributary.sync.event;

/**
 * Progress with no data: the log has delivered every event with a sequence number below {@code seq}. Sources emit
 * heartbeats while the log is idle so that checkpoints advance (and PostgreSQL can release WAL), snapshot
 * hand-over can see the log pass a chunk's high watermark, and read latency stays measurable.
 *
 * @param seq              every event with a smaller sequence number has been delivered
 * @param position         where to resume
 * @param commitTimeMillis when the heartbeat was made, epoch milliseconds (the source's clock when known)
 */
public record Heartbeat(long seq, SourcePosition position, long commitTimeMillis) implements ChangeEvent {
}
