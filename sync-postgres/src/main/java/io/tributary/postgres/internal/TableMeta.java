package io.tributary.postgres.internal;

import io.tributary.sync.event.TableSchema;
import java.util.List;

/**
 * What the catalog says about a captured table beyond its schema.
 *
 * @param schema          logical schema, columns in pgoutput order (attnum, without dropped or generated columns)
 * @param types           per column, the PostgreSQL type and codec
 * @param replicaIdentity {@code relreplident}: d(efault), f(ull), i(ndex), n(othing)
 * @param toastable       names of columns whose values may be stored out of line (TOAST)
 */
public record TableMeta(TableSchema schema, List<ColumnType> types, char replicaIdentity, List<String> toastable) {

  public TableMeta {
    types = List.copyOf(types);
    toastable = List.copyOf(toastable);
  }
}
