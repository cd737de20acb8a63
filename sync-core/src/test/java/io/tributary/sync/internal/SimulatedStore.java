package io.tributary.sync.internal;

import io.tributary.sync.spi.CheckpointStore;
import java.util.Optional;

/**
 * The checkpoint store of a {@link DeciderSimulation}: one checkpoint, kept across runs (as a durable store keeps it
 * across a kill), and a crash now and then right after a save, before the commit, so the restart commits the saved
 * committable.
 */
final class SimulatedStore implements CheckpointStore {

  private final Runnable crashSometimes;
  private byte[] saved;

  SimulatedStore(Runnable crashSometimes) {
    this.crashSometimes = crashSometimes;
  }

  @Override
  public Optional<byte[]> load(String pipeline) {
    return Optional.ofNullable(saved);
  }

  @Override
  public void save(String pipeline, byte[] checkpoint) {
    saved = checkpoint;
    crashSometimes.run();
  }

  @Override
  public void clear(String pipeline) {
    saved = null;
  }
}
