package io.tributary.sync.memory;

import io.tributary.sync.spi.CheckpointStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link CheckpointStore} in a map: survives pipeline instances, not the process. */
public final class MemoryCheckpointStore implements CheckpointStore {

  private final Map<String, byte[]> checkpoints = new ConcurrentHashMap<>();

  /** An empty store. */
  public MemoryCheckpointStore() {
  }

  @Override
  public Optional<byte[]> load(String pipeline) {
    return Optional.ofNullable(checkpoints.get(pipeline)).map(byte[]::clone);
  }

  @Override
  public void save(String pipeline, byte[] checkpoint) {
    checkpoints.put(pipeline, checkpoint.clone());
  }

  @Override
  public void clear(String pipeline) {
    checkpoints.remove(pipeline);
  }
}
