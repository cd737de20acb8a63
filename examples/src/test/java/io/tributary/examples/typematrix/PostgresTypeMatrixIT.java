package io.tributary.examples.typematrix;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The type matrix on PostgreSQL (zonky's embedded server). */
class PostgresTypeMatrixIT {

  @TempDir
  Path dir;

  @Test
  void postgres_everyTypeAndEdgeValue_arrivesExactly_throughSnapshotInsertAndUpdate() throws Exception {
    TypeMatrix.run(new PgMatrixServer(PgTypes.typeDdl()), PgTypes.families(), dir.resolve("warehouse"));
  }

  /** Values no Paimon column holds exactly stop their table with the reason; none is truncated or wrapped. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "date             | 'infinity'  | infinity",
      "date             | '-infinity' | -infinity",
      "timestamp        | 'infinity'  | infinity",
      "timestamptz(3)   | '-infinity' | -infinity",
      "numeric(10,2)    | 'NaN'       | has no DECIMAL representation",
      "time(3)          | '24:00:00'  | 24:00:00"})
  void postgres_valueTheTargetCannotHold_isRefusedWithTheReason(String type, String literal, String reason)
      throws Exception {
    TypeMatrix.assertRefused(new PgMatrixServer(List.of()), type, literal, reason, dir.resolve("refusals"));
  }
}
