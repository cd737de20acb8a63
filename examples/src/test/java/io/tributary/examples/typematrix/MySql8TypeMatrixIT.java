package io.tributary.examples.typematrix;

import io.tributary.mysql.MySql8Server;
import io.tributary.mysql.ZeroDates;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /** Each value of {@link MySqlRefusals} stops its table alone, with the reason. */
  @MySqlRefusals
  void mySql8_valueTheTargetCannotHold_isRefusedWithTheReason(String type, String literal, String reason)
      throws Exception {
    TypeMatrix.assertRefused(new MySqlMatrixServer("mysql-8.0", MySql8Server.get()), type, literal, reason,
        dir.resolve("refusals"));
  }
}
