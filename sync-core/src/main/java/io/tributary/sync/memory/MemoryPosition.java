package io.tributary.sync.memory;

import io.tributary.sync.event.SourcePosition;
import java.nio.ByteBuffer;

/**
 * A position in a {@link MemoryDatabase}'s log: the index of the next entry to read.
 *
 * @param nextIndex entries before this index have been read
 */
public record MemoryPosition(long nextIndex) implements SourcePosition {

  @Override
  public byte[] encode() {
    return ByteBuffer.allocate(8).putLong(nextIndex).array();
  }

  static MemoryPosition decode(byte[] bytes) {
    return new MemoryPosition(ByteBuffer.wrap(bytes).getLong());
  }

  @Override
  public String toString() {
    return "log@" + nextIndex;
  }
}
