package io.tributary.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.spi.PreflightCheck;
import org.junit.jupiter.api.Test;

class ServerVersionTest {

  @Test
  void thirteenAndLater_pass() {
    for (int number : new int[] {130000, 130016, 160004, 170002}) {
      PreflightCheck check = new ServerVersion(number).check();
      assertThat(check.status()).as("%d", number).isEqualTo(PreflightCheck.Status.OK);
    }
    assertThat(new ServerVersion(170002).check().found()).isEqualTo("170002 (PostgreSQL 17.2)");
  }

  @Test
  void olderServers_fail_namingTheVersionFoundTheMinimumAndTheUpgrade() {
    for (int number : new int[] {90624, 100023, 110022, 120019, 129999}) {
      PreflightCheck check = new ServerVersion(number).check();
      assertThat(check.status()).as("%d", number).isEqualTo(PreflightCheck.Status.FAILED);
      assertThat(check.name()).isEqualTo("server_version_num");
      assertThat(check.fix()).contains("upgrade").contains("PostgreSQL 13 or later");
    }
    assertThat(new ServerVersion(120019).check().found()).isEqualTo("120019 (PostgreSQL 12.19)");
    assertThat(new ServerVersion(90624).check().found()).isEqualTo("90624 (PostgreSQL 9.6.24)");
  }
}
