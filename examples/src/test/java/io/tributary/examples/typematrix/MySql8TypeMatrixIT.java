package io.tributary.examples.typematrix;

import io.tributary.mysql.MySql8Server;
import io.tributary.mysql.ZeroDates;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The type matrix on MySQL 8.0.31 (the bundled {@link MySql8Server}, or {@code TRIBUTARY_MYSQL8_HOST}): binary
 * JSON, v2 rows events and utf8mb4_0900 collations, which MariaDB never sends.
 */
class MySql8TypeMatrixIT {

  @TempDir
  Path dir;

  @Test
  void mySql8_everyTypeAndEdgeValue_arrivesExactly_throughSnapshotInsertAndUpdate() throws Exception {
    TypeMatrix.run(new MySqlMatrixServer("mysql-8.0", MySql8Server.get(), ZeroDates.NULL),
        MySqlTypes.families(false),
        dir.resolve("warehouse"));
  }

  /**
   * MySQL's TIME is an interval, the core's TIME a time of day: values outside a day are refused. Zero dates are
   * no calendar dates: refused by default (the matrix run reads them as null under zeroDates(ZeroDates.NULL)).
   * Either stops its table alone, with the reason.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "TIME(6)        | '-00:00:00.000001'    | outside 00:00:00",
      "TIME           | '838:59:59'           | outside 00:00:00",
      "TIME(3)        | '24:00:00'            | outside 00:00:00",
      "DATE           | '0000-00-00'          | zeroDates(ZeroDates.NULL)",
      "DATE           | '2024-00-10'          | zero date",
      "DATETIME(6)    | '0000-00-00 00:00:00' | zero date",
      "DATETIME(3)    | '2024-01-00 10:00:00' | zero date",
      "TIMESTAMP NULL | '0000-00-00 00:00:00' | zero date"})
  void mySql8_valueTheTargetCannotHold_isRefusedWithTheReason(String type, String literal, String reason)
      throws Exception {
    TypeMatrix.assertRefused(new MySqlMatrixServer("mysql-8.0", MySql8Server.get()), type, literal, reason,
        dir.resolve("refusals"));
  }
}
