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

  @Test
  void postgres_everyTypeAndEdgeValue_arrivesExactly_throughSnapshotInsertAndUpdate() throws Exception {
    TypeMatrix.run(new PgMatrixServer(PgTypes.typeDdl()), PgTypes.families(), dir.resolve("warehouse"));
  }

  /** With binary values asked for, the stream reads text (a column type has no binary decoder): all equal. */
  @Test
  void postgres_binaryValuesOn_fallsBackToText_everyValueEqual() throws Exception {
    PgMatrixServer server = new PgMatrixServer(PgTypes.typeDdl(), true);
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
