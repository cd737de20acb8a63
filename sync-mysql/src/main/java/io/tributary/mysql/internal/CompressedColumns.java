package io.tributary.mysql.internal;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.BitSet;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * MariaDB's compressed columns ({@code VARCHAR(n) COMPRESSED}, {@code BLOB COMPRESSED}). TABLE_MAP events give them
 * the type codes 141 (VARCHAR_COMPRESSED) and 140 (BLOB_COMPRESSED), which mysql-binlog-connector-java does not
 * know (it fails on the table map, and the table's rows would be lost). Their metadata and row cells are laid out
 * as VARCHAR's and BLOB's, so the table map is read with 15 and 252 in their place and the compressed columns are
 * remembered; a cell's bytes are then the stored value, which {@link #inflate} turns into the column's value.
 */
final class CompressedColumns {

  static final int BLOB_COMPRESSED = 140;
  static final int VARCHAR_COMPRESSED = 141;

  /** A table map that knows which of its columns are compressed (their types read as 15 and 252). */
  static final class TableMap extends TableMapEventData {
    private BitSet compressed = new BitSet();

    BitSet compressed() {
      return compressed;
    }
  }

  /** Reads TABLE_MAP events, compressed columns included. */
  static final class Deserializer implements EventDataDeserializer<TableMapEventData> {
    private final TableMapEventDataDeserializer standard = new TableMapEventDataDeserializer();

    @Override
    public TableMapEventData deserialize(ByteArrayInputStream in) throws IOException {
      byte[] body = in.read(in.available());
      BitSet compressed = patchTypes(body);
      TableMapEventData d = standard.deserialize(new ByteArrayInputStream(body));
      TableMap m = new TableMap();
      m.setTableId(d.getTableId());
      m.setDatabase(d.getDatabase());
      m.setTable(d.getTable());
      m.setColumnTypes(d.getColumnTypes());
      m.setColumnMetadata(d.getColumnMetadata());
      m.setColumnNullability(d.getColumnNullability());
      m.setEventMetadata(d.getEventMetadata());
      m.compressed = compressed;
      return m;
    }
  }

  private CompressedColumns() {
  }

  /**
   * Replaces the compressed type codes in a TABLE_MAP body (6-byte table id, 2 flag bytes, database and table
   * names each with a length byte and a terminating zero, the packed column count, then one type byte per column)
   * and returns which columns had them.
   */
  static BitSet patchTypes(byte[] body) {
    int p = 8;
    p += (body[p] & 0xFF) + 2; // database
    p += (body[p] & 0xFF) + 2; // table
    int first = body[p] & 0xFF;
    long count;
    if (first < 251) {
      count = first;
      p += 1;
    } else {
      int n = first == 252 ? 2 : first == 253 ? 3 : 8;
      count = 0;
      for (int i = 0; i < n; i++) {
        count |= (long) (body[p + 1 + i] & 0xFF) << (8 * i);
      }
      p += 1 + n;
    }
    BitSet compressed = new BitSet();
    for (int i = 0; i < count; i++) {
      int code = body[p + i] & 0xFF;
      if (code == VARCHAR_COMPRESSED || code == BLOB_COMPRESSED) {
        compressed.set(i);
        body[p + i] = (byte) (code == VARCHAR_COMPRESSED ? 15 : 252);
      }
    }
    return compressed;
  }

  /**
   * The value of a compressed column's stored bytes (MariaDB {@code Field_longstr::uncompress}): empty stays empty;
   * else a header byte whose high nibble is the method, 0 for bytes stored as they are, 8 for zlib, whose low three
   * bits give how many big-endian bytes of original length follow and whose bit 3 says the deflate stream has no
   * zlib wrapper.
   */
  static byte[] inflate(byte[] stored) {
    if (stored.length == 0) {
      return stored;
    }
    int header = stored[0] & 0xFF;
    int method = header >> 4;
    if (method == 0) {
      return java.util.Arrays.copyOfRange(stored, 1, stored.length);
    }
    if (method != 8) {
      throw new IllegalStateException("compressed column value with unknown compression method " + method);
    }
    int lengthBytes = header & 0x07;
    long length = 0;
    for (int i = 0; i < lengthBytes; i++) {
      length = length << 8 | (stored[1 + i] & 0xFF);
    }
    Inflater inflater = new Inflater((header & 0x08) != 0);
    try {
      inflater.setInput(stored, 1 + lengthBytes, stored.length - 1 - lengthBytes);
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(length, 1 << 20));
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        out.write(buf, 0, n);
      }
      if (out.size() != length) {
        throw new IllegalStateException("compressed column value inflated to " + out.size() + " bytes, its header "
            + "says " + length);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IllegalStateException("compressed column value is not a valid zlib stream: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }
}
