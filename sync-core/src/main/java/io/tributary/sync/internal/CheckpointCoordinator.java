package io.tributary.sync.internal;

import io.tributary.sync.event.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's side of a checkpoint the {@link Decider} asked for ({@link Effect.TakeCheckpoint}, after the write
 * effects that flushed its batches): prepare the writer's commit, save the checkpoint (positions, table states,
 * committable), commit, acknowledge the positions to the sources, and queue the confirmation the decider gets back.
 * The order is the exactly-once protocol of docs/design.md ("Checkpoints and exactly-once"). Sink thread only.
 */
final class CheckpointCoordinator {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointCoordinator.class);

  private final PipelineConfig config;
  private final TrackingWriter writer;
  private final List<LogReader> readers;
  private final List<Input.CheckpointCommitted> committed = new ArrayList<>();
  /** The last checkpoint's positions and their times, published for the retention check's thread. */
  private volatile RetentionGuard.Checkpointed checkpointed;
  private int taken;

  CheckpointCoordinator(PipelineConfig config, TrackingWriter writer, List<LogReader> readers) {
    this.config = config;
    this.writer = writer;
    this.readers = readers;
  }

  void take(Effect.TakeCheckpoint c) {
    long started = config.clock().millis();
    byte[] committable = writer.prepareCommit(c.id());
    SourcePosition[] positions = c.positions();
    Map<String, byte[]> saved = new LinkedHashMap<>();
    for (int i = 0; i < positions.length; i++) {
      saved.put(config.sources().get(i).name(), positions[i].encode());
    }
    config.checkpointStore().save(config.name(),
        CheckpointCodec.encode(new Checkpoint(c.id(), saved, c.tables(), committable, c.formerMembers())));
    writer.commit(c.id(), committable);
    for (int i = 0; i < readers.size(); i++) {
      readers.get(i).stream().acknowledge(positions[i]);
    }
    taken++;
    checkpointed = new RetentionGuard.Checkpointed(positions, c.positionTimes());
    long at = config.clock().millis();
    committed.add(new Input.CheckpointCommitted(c.id(), at));
    LOG.debug("[{}] checkpoint {} in {} ms", config.name(), c.id(), at - started);
  }

  /** The confirmations of the checkpoints taken since the last call, in order. */
  List<Input.CheckpointCommitted> drainCommitted() {
    if (committed.isEmpty()) {
      return List.of();
    }
    List<Input.CheckpointCommitted> out = List.copyOf(committed);
    committed.clear();
    return out;
  }

  int taken() {
    return taken;
  }

  /** The last checkpoint's positions, or null before this run's first checkpoint. */
  RetentionGuard.Checkpointed checkpointed() {
    return checkpointed;
  }
}
