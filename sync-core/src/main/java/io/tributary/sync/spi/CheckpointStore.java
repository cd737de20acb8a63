package io.tributary.sync.spi;

import java.util.Optional;

/**
 * Durable storage for a pipeline's checkpoints: opaque bytes per pipeline name, replaced whole on each save.
 * Built-ins: {@link io.tributary.sync.CheckpointStores#inMemory()} and
 * {@link io.tributary.sync.CheckpointStores#file(java.nio.file.Path)}.
 *
 * <p>Threading: called from the pipeline's checkpoint thread, one call at a time per pipeline.
 */
public interface CheckpointStore {

  /** The last saved checkpoint of the pipeline, or empty. */
  Optional<byte[]> load(String pipeline);

  /** Replaces the pipeline's checkpoint atomically: after a crash, {@link #load} returns the old or the new. */
  void save(String pipeline, byte[] checkpoint);

  /** Forgets the pipeline's checkpoint (the offline operation). */
  void clear(String pipeline);
}
