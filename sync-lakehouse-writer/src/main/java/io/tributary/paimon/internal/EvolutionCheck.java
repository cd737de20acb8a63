package io.tributary.paimon.internal;

import io.tributary.sync.spi.TargetTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.paimon.catalog.Catalog;
import org.apache.paimon.catalog.Identifier;
import org.apache.paimon.table.FileStoreTable;
import org.apache.paimon.types.DataField;
import org.apache.paimon.types.RowType;

/**
 * {@code PaimonWriter.checkTable}: whether a stored target can be evolved to a layout, by the same rules as the
 * evolution itself ({@link SchemaEvolver}), with renames applied to the stored fields in memory. Nothing is changed.
 * Why apart from {@link Tables}: it reads through any catalog (the writer's scan catalog, before {@code open}) and
 * never claims or alters a table.
 */
public final class EvolutionCheck {

  private EvolutionCheck() {
  }

  /** @throws io.tributary.sync.SchemaIncompatibleException as the evolution would */
  public static void check(Catalog catalog, String database, TargetTable target, Map<String, String> renamedFrom)
      throws Exception {
    FileStoreTable stored;
    try {
      stored = (FileStoreTable) catalog.getTable(Identifier.create(database, target.name()));
    } catch (Catalog.TableNotExistException e) {
      return; // created as asked
    }
    Map<String, String> oldToNew = new java.util.HashMap<>();
    renamedFrom.forEach((now, old) -> oldToNew.put(old, now));
    List<DataField> fields = new ArrayList<>();
    for (DataField f : stored.rowType().getFields()) {
      String name = oldToNew.getOrDefault(f.name(), f.name());
      fields.add(name.equals(f.name()) ? f : f.newName(name));
    }
    List<String> key = new ArrayList<>();
    stored.primaryKeys().forEach(k -> key.add(oldToNew.getOrDefault(k, k)));
    SchemaEvolver.changes(target.name(), new RowType(fields), key, target.columns(), target.primaryKey(), Set.of());
  }
}
