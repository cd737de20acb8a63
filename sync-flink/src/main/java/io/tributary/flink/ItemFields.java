package io.tributary.flink;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import io.tributary.sync.internal.ValueCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The rows and table names of one item (a source item or a write operation), whose encoding is what changed between
 * versions: rows by {@link RowCodec} and each table named once per item (then by its number) since source items
 * version 3 and write operations version 2; each value tagged by its class ({@link ValueCodec}) and every table
 * named in full before, which is still read, for Flink state saved by an earlier build.
 */
final class ItemFields {

  private ItemFields() {
  }

  static final class Out {
    private final RowCodec.Out rows = new RowCodec.Out();
    private final Map<TableId, Integer> tables = new HashMap<>();

    void row(DataOutputView out, Row row) throws IOException {
      rows.write(out, row);
    }

    void table(DataOutputView out, TableId table) throws IOException {
      Integer known = tables.get(table);
      if (known != null) {
        out.writeInt(known);
      } else {
        out.writeInt(tables.size());
        tables.put(table, tables.size());
        ValueCodec.writeTableId(out, table);
      }
    }
  }

  static final class In {
    private final boolean tagged;
    private final RowCodec.In rows;
    private final List<TableId> tables = new ArrayList<>();

    /** {@code tagged}: the format before (values tagged by class, tables in full). */
    In(boolean tagged) {
      this.tagged = tagged;
      this.rows = tagged ? null : new RowCodec.In();
    }

    Row row(Wire.In in) throws IOException {
      return tagged ? ValueCodec.readRow(in) : rows.read(in);
    }

    TableId table(Wire.In in) throws IOException {
      if (tagged) {
        return ValueCodec.readTableId(in);
      }
      int n = in.readInt();
      if (n == tables.size()) {
        tables.add(ValueCodec.readTableId(in));
      } else if (n < 0 || n > tables.size()) {
        throw new IOException("corrupt item: table number " + n + " of " + tables.size());
      }
      return tables.get(n);
    }
  }
}
