package io.tributary.flink;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The binary I/O of the items the operators exchange: Flink's own array-backed {@link DataOutputSerializer} and
 * {@link DataInputDeserializer} (whole ints and longs per call, no stream wrappers and no per-byte synchronized
 * calls, which {@code DataInputStream} over a {@code ByteArrayInputStream} costs), with one output buffer reused per
 * thread. {@link Bytes} stays for the rarely written formats (splits, plans, state).
 */
final class Wire {

  /** A buffer grown beyond this by a large item is dropped after it, not kept for the thread. */
  private static final int KEEP_BYTES = 4 << 20;
  private static final ThreadLocal<DataOutputSerializer> BUFFER = new ThreadLocal<>();

  private Wire() {
  }

  interface Writer {
    void write(DataOutputSerializer out) throws IOException;
  }

  interface Reader<T> {
    T read(In in) throws IOException;
  }

  /** The bytes {@code w} writes. Reentrant: a nested call gets a buffer of its own. */
  static byte[] of(Writer w) {
    DataOutputSerializer out = BUFFER.get();
    BUFFER.set(null);
    if (out == null) {
      out = new DataOutputSerializer(16 << 10);
    }
    try {
      w.write(out);
      return out.getCopyOfBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      out.clear();
      if (out.getSharedBuffer().length <= KEEP_BYTES) {
        BUFFER.set(out);
      }
    }
  }

  static <T> T read(byte[] data, Reader<T> r) {
    try {
      return r.read(new In(data));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads an item's bytes; strings and byte arrays are cut from the array directly. */
  static final class In extends DataInputDeserializer {
    private static final long serialVersionUID = 1L;
    private final byte[] data;

    In(byte[] data) {
      super(data);
      this.data = data;
    }

    String readUtf8(int length) throws IOException {
      int at = take(length);
      return new String(data, at, length, StandardCharsets.UTF_8);
    }

    byte[] readBytes(int length) throws IOException {
      int at = take(length);
      return java.util.Arrays.copyOfRange(data, at, at + length);
    }

    private int take(int length) throws IOException {
      int at = getPosition();
      if (length < 0 || length > available()) {
        throw new EOFException("an item's value of " + length + " bytes runs past its end (" + available()
            + " bytes left): corrupt bytes");
      }
      skipBytesToRead(length);
      return at;
    }
  }
}
