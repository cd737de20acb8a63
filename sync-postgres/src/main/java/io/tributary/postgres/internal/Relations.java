package io.tributary.postgres.internal;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.ColumnMask;
import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The relations a replication session has announced, with the current schema of each captured table. A Relation
 * message whose columns differ (name, order or type) from the known schema yields a new schema: pgoutput sends one
 * before the first change laid out by a changed table, which is how ADD/DROP/ALTER COLUMN reach the stream.
 */
final class Relations {

  /**
   * One announced relation. {@code schema} and {@code types} are null when the table is not captured;
   * {@code binary} holds each column's binary decoder (null where its type has none).
   */
  record Rel(TableId id, TableSchema schema, ColumnType[] types, Function<byte[], Object>[] binary) {
    boolean captured() {
      return schema != null;
    }
  }

  private final String source;
  private final String database;
  private final TypeRegistry types;
  private final Map<TableId, TableSchema> known;
  private final Map<Integer, Rel> byOid = new HashMap<>();

  Relations(String source, String database, TypeRegistry types, Map<TableId, TableSchema> schemasAtStart) {
    this.source = source;
    this.database = database;
    this.types = types;
    this.known = new HashMap<>(schemasAtStart);
  }

  /** The name of type {@code oid}, for messages. */
  String typeName(int oid) {
    return types.get(oid).name();
  }

  Rel get(int oid) {
    Rel rel = byOid.get(oid);
    if (rel == null) {
      throw new IllegalStateException("pgoutput change for relation oid " + oid + " before its Relation message");
    }
    return rel;
  }

  /** Records a Relation message; returns the table's new schema when it differs from the known one, else null. */
  TableSchema onRelation(PgOutput.Relation r) {
    TableId id = TableId.of(source, database, r.schema(), r.table());
    TableSchema previous = known.get(id);
    if (previous == null) {
      byOid.put(r.oid(), new Rel(id, null, null, null));
      return null;
    }
    List<Column> columns = new ArrayList<>(r.columns().size());
    ColumnType[] columnTypes = new ColumnType[r.columns().size()];
    @SuppressWarnings("unchecked")
    Function<byte[], Object>[] binary = new Function[columnTypes.length];
    boolean same = previous.columnCount() == r.columns().size();
    for (int i = 0; i < columnTypes.length; i++) {
      PgOutput.RelColumn rc = r.columns().get(i);
      ColumnType type = types.columnType(rc.typeOid(), rc.typmod());
      columnTypes[i] = type;
      binary[i] = PgBinary.decoder(types.get(rc.typeOid()), type, types);
      Column old = previous.column(rc.name()).orElse(null);
      boolean sameType = old != null && old.type().withNullable(true).equals(type.dataType());
      boolean nullable = sameType ? old.type().nullable() : !previous.primaryKey().contains(rc.name());
      columns.add(Column.of(rc.name(), type.dataType().withNullable(nullable)));
      same &= sameType && previous.columns().get(i).name().equals(rc.name());
    }
    List<String> key = key(r, previous, columns);
    same &= key.equals(previous.primaryKey());
    if (same) {
      byOid.put(r.oid(), new Rel(id, previous, columnTypes, binary));
      return null;
    }
    TableSchema next = new TableSchema(id, columns, key);
    known.put(id, next);
    byOid.put(r.oid(), new Rel(id, next, columnTypes, binary));
    return next;
  }

  /**
   * The primary key after a Relation message. Under {@code REPLICA IDENTITY DEFAULT} the message flags exactly the
   * primary-key columns, so a new key ({@code DROP CONSTRAINT ..._pkey, ADD PRIMARY KEY (a, b)}) is seen in log
   * order; the known key order is kept while the set is unchanged, else the flags' column order is used. Under
   * another identity (FULL flags every column) the message says nothing about the key: the known one is kept,
   * minus dropped columns.
   */
  private static List<String> key(PgOutput.Relation r, TableSchema previous, List<Column> columns) {
    List<String> key = new ArrayList<>();
    if (r.replicaIdentity() == 'd') {
      for (PgOutput.RelColumn c : r.columns()) {
        if (c.key()) {
          key.add(c.name());
        }
      }
      boolean sameSet = key.size() == previous.primaryKey().size() && previous.primaryKey().containsAll(key);
      return sameSet ? previous.primaryKey() : key;
    }
    for (String k : previous.primaryKey()) {
      if (columns.stream().anyMatch(c -> c.name().equals(k))) {
        key.add(k);
      }
    }
    return key;
  }

  /**
   * A row image from a tuple. An unchanged TOAST value ('u') is taken from {@code old} when that is a full old
   * image (REPLICA IDENTITY FULL); else its position stays null and {@link #unchanged} names it, so writers keep
   * the target's current value there (REPLICA IDENTITY DEFAULT does not put the value in the WAL).
   */
  static Row row(Rel rel, PgOutput.Tuple tuple, PgOutput.Tuple old, long lsn) {
    return row(rel, tuple, old, lsn, false);
  }

  /**
   * An old image (an update's before, a delete's row), of which the engine uses only the key: a non-key value no
   * target holds reads as null rather than stopping the table, so the update or delete that removes it applies.
   */
  static Row before(Rel rel, PgOutput.Tuple tuple, long lsn) {
    return row(rel, tuple, null, lsn, true);
  }

  private static Row row(Rel rel, PgOutput.Tuple tuple, PgOutput.Tuple old, long lsn, boolean keyOnlyExact) {
    ColumnType[] columnTypes = rel.types();
    Object[] values = new Object[columnTypes.length];
    for (int i = 0; i < values.length && i < tuple.kinds().length; i++) {
      PgOutput.Tuple from = tuple;
      if (tuple.kinds()[i] == 'u') {
        if (!inOld(old, i)) {
          continue; // no value: named by unchanged()
        }
        from = old;
      }
      try {
        values[i] = Unrepresentable.check(columnTypes[i], value(rel, from, i), rel.schema().columns().get(i).name());
      } catch (RuntimeException e) {
        String column = rel.schema().columns().get(i).name();
        if (e instanceof SyncException se && se.code() == ErrorCode.VALUE_NOT_REPRESENTABLE) {
          if (keyOnlyExact && !isKey(rel, i)) {
            values[i] = null;
            continue;
          }
          throw SyncException.of(se.code(), rel.id() + " at LSN " + Lsn.format(lsn) + ": " + se.getMessage()
              + (se.getMessage().contains(column) ? "" : " (column " + column + ")"), e);
        }
        throw SyncException.of(ErrorCode.UNDECODABLE_CHANGE,
            "cannot convert column " + column + " of " + rel.id() + " at LSN "
            + Lsn.format(lsn) + " to " + columnTypes[i].dataType() + ": " + e.getMessage(), e);
      }
    }
    return Row.of(values);
  }

  private static Object value(Rel rel, PgOutput.Tuple tuple, int i) {
    if (tuple.kinds()[i] != 'b') {
      return ValueCodec.decode(rel.types()[i], tuple.values()[i]);
    }
    Function<byte[], Object> decoder = rel.binary()[i];
    if (decoder == null) {
      throw new IllegalStateException("a binary value came for a column whose type has no binary decoder");
    }
    return decoder.apply(tuple.binary()[i]);
  }

  private static boolean isKey(Rel rel, int column) {
    for (int k : rel.schema().primaryKeyIndexes()) {
      if (k == column) {
        return true;
      }
    }
    return false;
  }

  /**
   * The columns of an update's new tuple that are unchanged TOAST values ('u') the old tuple does not carry either;
   * null when there are none (always with REPLICA IDENTITY FULL), without allocating.
   */
  static ColumnMask unchanged(PgOutput.Tuple tuple, PgOutput.Tuple old) {
    byte[] kinds = tuple.kinds();
    int n = 0;
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] == 'u' && !inOld(old, i)) {
        n++;
      }
    }
    if (n == 0) {
      return null;
    }
    int[] indexes = new int[n];
    n = 0;
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] == 'u' && !inOld(old, i)) {
        indexes[n++] = i;
      }
    }
    return ColumnMask.of(indexes);
  }

  private static boolean inOld(PgOutput.Tuple old, int i) {
    return old != null && i < old.kinds().length && (old.kinds()[i] == 't' || old.kinds()[i] == 'b');
  }

}
