package io.tributary.sync.memory;

import io.tributary.sync.event.SourcePosition;
import java.nio.ByteBuffer;

/**
 * A position in a {@link MemoryDatabase}'s log: the index of the next entry to read.
 *
 * @param nextIndex         entries before this index have been read
 * @param insideTransaction whether the entry before this index belongs to a {@link MemoryDatabase#transaction}
 *                          that has not ended there
 */
public record MemoryPosition(long nextIndex, boolean insideTransaction) implements SourcePosition {

  /** A position between transactions. */
  public MemoryPosition(long nextIndex) {
    this(nextIndex, false);
  }

  @Override
  public byte[] encode() {
    return insideTransaction ? ByteBuffer.allocate(9).putLong(nextIndex).put((byte) 1).array()
        : ByteBuffer.allocate(8).putLong(nextIndex).array();
  }

  static MemoryPosition decode(byte[] bytes) {
    return new MemoryPosition(ByteBuffer.wrap(bytes).getLong(), bytes.length > 8 && bytes[8] == 1);
  }

  @Override
  public String toString() {
    return "log@" + nextIndex + (insideTransaction ? "(in transaction)" : "");
  }
}
