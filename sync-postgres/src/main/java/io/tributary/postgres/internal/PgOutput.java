package io.tributary.postgres.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decoder of the pgoutput logical replication protocol, version 1: Begin, Commit, Origin, Relation, Type, Insert,
 * Update, Delete, Truncate and Message. Tuple values are PostgreSQL text, or with {@code binary 'true'} (see
 * {@link BinaryValues}) their types' binary send format, kept as bytes for {@link PgBinary}.
 */
public final class PgOutput {

  /** Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private PgOutput() {
  }

  /** A decoded message. */
  public sealed interface Message permits Begin, Commit, Relation, Change, Truncate, Ignored {
  }

  /** @param finalLsn LSN of the transaction's commit record; commitMillis epoch ms */
  public record Begin(long finalLsn, long commitMillis, int xid) implements Message {
  }

  public record Commit(long commitLsn, long endLsn, long commitMillis) implements Message {
  }

  /** One column of a Relation message. */
  public record RelColumn(boolean key, String name, int typeOid, int typmod) {
  }

  public record Relation(int oid, String schema, String table, char replicaIdentity, List<RelColumn> columns)
      implements Message {
  }

  /**
   * An insert ('I'), update ('U') or delete ('D'). {@code oldTuple} is the 'K' (key) or 'O' (full old row) image
   * when sent, with {@code oldKind} telling which; {@code newTuple} is null for deletes.
   */
  public record Change(char op, int relationOid, char oldKind, Tuple oldTuple, Tuple newTuple) implements Message {
  }

  public record Truncate(List<Integer> relationOids) implements Message {
  }

  /** Origin, Type, logical Message: nothing to do for them. */
  public record Ignored(char type) implements Message {
  }

  /**
   * Tuple data: per column a kind ('n' null, 'u' unchanged TOAST value, 't' text, 'b' binary), the text for 't'
   * and the bytes for 'b' ({@code binary} is null when no column is binary).
   */
  public record Tuple(byte[] kinds, String[] values, byte[][] binary) {
    public Tuple(byte[] kinds, String[] values) {
      this(kinds, values, null);
    }
  }

  public static Message decode(ByteBuffer buffer) {
    char type = (char) buffer.get();
    return switch (type) {
      case 'B' -> new Begin(buffer.getLong(), toMillis(buffer.getLong()), buffer.getInt());
      case 'C' -> {
        buffer.get(); // flags, unused
        yield new Commit(buffer.getLong(), buffer.getLong(), toMillis(buffer.getLong()));
      }
      case 'R' -> relation(buffer);
      case 'I' -> {
        int oid = buffer.getInt();
        buffer.get(); // 'N'
        yield new Change('I', oid, ' ', null, tuple(buffer));
      }
      case 'U' -> {
        int oid = buffer.getInt();
        char kind = (char) buffer.get();
        Tuple old = null;
        char oldKind = ' ';
        if (kind == 'K' || kind == 'O') {
          oldKind = kind;
          old = tuple(buffer);
          buffer.get(); // 'N'
        }
        yield new Change('U', oid, oldKind, old, tuple(buffer));
      }
      case 'D' -> {
        int oid = buffer.getInt();
        char kind = (char) buffer.get();
        yield new Change('D', oid, kind, tuple(buffer), null);
      }
      case 'T' -> {
        int n = buffer.getInt();
        buffer.get(); // options: CASCADE, RESTART IDENTITY
        Integer[] oids = new Integer[n];
        for (int i = 0; i < n; i++) {
          oids[i] = buffer.getInt();
        }
        yield new Truncate(List.of(oids));
      }
      case 'O', 'Y', 'M' -> new Ignored(type);
      default -> throw new IllegalStateException("unknown pgoutput message type '" + type + "'");
    };
  }

  /** PostgreSQL timestamps: microseconds since 2000-01-01 UTC. */
  static long toMillis(long pgMicros) {
    return Math.floorDiv(pgMicros + PG_EPOCH_MICROS, 1000);
  }

  private static Relation relation(ByteBuffer buffer) {
    int oid = buffer.getInt();
    String schema = string(buffer);
    String table = string(buffer);
    char identity = (char) buffer.get();
    int n = buffer.getShort();
    RelColumn[] columns = new RelColumn[n];
    for (int i = 0; i < n; i++) {
      boolean key = (buffer.get() & 1) != 0;
      columns[i] = new RelColumn(key, string(buffer), buffer.getInt(), buffer.getInt());
    }
    // pgoutput writes an empty namespace for pg_catalog
    return new Relation(oid, schema.isEmpty() ? "pg_catalog" : schema, table, identity, List.of(columns));
  }

  private static Tuple tuple(ByteBuffer buffer) {
    int n = buffer.getShort();
    byte[] kinds = new byte[n];
    String[] values = new String[n];
    byte[][] binary = null;
    for (int i = 0; i < n; i++) {
      byte kind = buffer.get();
      kinds[i] = kind;
      if (kind == 't') {
        int len = buffer.getInt();
        values[i] = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), len, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + len);
      } else if (kind == 'b') {
        int len = buffer.getInt();
        if (binary == null) {
          binary = new byte[n][];
        }
        binary[i] = new byte[len];
        buffer.get(binary[i]);
      }
    }
    return new Tuple(kinds, values, binary);
  }

  private static String string(ByteBuffer buffer) {
    int start = buffer.position();
    int end = start;
    while (buffer.get(end) != 0) {
      end++;
    }
    String s = new String(buffer.array(), buffer.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
    buffer.position(end + 1);
    return s;
  }
}
