package io.tributary.examples.typematrix;

import static org.assertj.core.api.Assertions.assertThat;

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

  /**
   * Every type, source defaults: binary values are asked for (the default) but some columns' types have no binary
   * decoder (arrays, interval, ...), so the log reads text.
   */
  @Test
  void postgres_everyTypeAndEdgeValue_arrivesExactly_throughSnapshotInsertAndUpdate() throws Exception {
    PgMatrixServer server = new PgMatrixServer(PgTypes.typeDdl());
    TypeMatrix.run(server, PgTypes.families(), dir.resolve("warehouse"));
    assertThat(server.streamedBinary()).as("the stream read text").isFalse();
  }

  /** Every type with a binary decoder, read in binary by the log: every value equals the source's. */
  @Test
  void postgres_binaryValues_everyDecodableTypeAndEdgeValue_arrivesExactly() throws Exception {
    PgMatrixServer server = new PgMatrixServer(PgTypes.typeDdl(), true);
    TypeMatrix.run(server, PgTypes.binaryFamilies(), dir.resolve("warehouse"));
    assertThat(server.streamedBinary()).as("the stream read binary values").isTrue();
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
