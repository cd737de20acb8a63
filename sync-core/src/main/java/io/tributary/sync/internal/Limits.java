package io.tributary.sync.internal;

import io.tributary.sync.LimitExceededException;
import io.tributary.sync.event.Row;

/** The manual's row limits: encoded primary-key size (default 128 bytes) and field size (default 10 MiB). */
final class Limits {

  private Limits() {
  }

  static void check(TableRuntime t, Row row, TableRoute route, PipelineConfig config) {
    int[] key = route.targetKeyIndexes();
    int keyBytes = 0;
    for (int i : key) {
      keyBytes += ValueCodec.encodedSize(row.get(i));
    }
    if (keyBytes > config.maxPrimaryKeyBytes()) {
      throw new LimitExceededException("Encoded key size " + keyBytes + " exceeds max size "
          + config.maxPrimaryKeyBytes() + " in table " + t.id + " (key columns " + route.target().primaryKey()
          + "); raise maxPrimaryKeyBytes(...) (and the target's limit), or drop extended fields from the key, then"
          + " re-sync the table");
    }
    long maxField = config.maxFieldBytes();
    for (int i = 0; i < row.size(); i++) {
      Object v = row.get(i);
      if ((v instanceof String s && (long) s.length() * 3 > maxField || v instanceof byte[])
          && ValueCodec.encodedSize(v) > maxField) {
        throw new LimitExceededException("field " + route.target().columns().get(i).name() + " of table " + t.id
            + " is " + ValueCodec.encodedSize(v) + " bytes, over the " + maxField + "-byte field limit; raise"
            + " maxFieldBytes(...) (and the target's limit) and re-sync the table");
      }
    }
  }
}
