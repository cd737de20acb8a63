package io.tributary.sync;

import io.tributary.sync.internal.FileCheckpointStore;
import io.tributary.sync.memory.MemoryCheckpointStore;
import io.tributary.sync.spi.CheckpointStore;
import java.nio.file.Path;

/** Built-in {@link CheckpointStore}s. */
public final class CheckpointStores {

  private CheckpointStores() {
  }

  /** Keeps checkpoints in memory: for tests and for pipelines that may restart from scratch. */
  public static CheckpointStore inMemory() {
    return new MemoryCheckpointStore();
  }

  /**
   * Keeps each pipeline's checkpoint in {@code directory/<pipeline>.checkpoint}, replaced by write-to-temp, fsync
   * and atomic rename, so a crash leaves the old or the new checkpoint, never a torn one.
   */
  public static CheckpointStore file(Path directory) {
    return new FileCheckpointStore(directory);
  }
}
