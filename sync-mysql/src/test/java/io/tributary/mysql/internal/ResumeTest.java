package io.tributary.mysql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.mysql.MySqlPosition;
import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import org.junit.jupiter.api.Test;

/** The identity comparison of a resume: same server, unknown server, another server with and without GTIDs. */
class ResumeTest {

  private static final ServerIdentity PRIMARY = new ServerIdentity("server_id=1", "db1:3306");
  private static final ServerIdentity REPLICA = new ServerIdentity("server_id=2", "db2:3306");

  private static Resume.GtidState state(boolean enabled, String missing) {
    return new Resume.GtidState() {
      @Override
      public boolean enabled() {
        return enabled;
      }

      @Override
      public String missing(String gtids) {
        return missing;
      }
    };
  }

  private static Resume.GtidState unused() {
    throw new AssertionError("the GTID state is asked only on another server");
  }

  @Test
  void identity_parsesAndComparesById_notByAddress() {
    ServerIdentity moved = ServerIdentity.parse("server_id=1@10.0.0.9:3307");
    assertThat(moved.sameServer(PRIMARY)).isTrue();
    assertThat(REPLICA.sameServer(PRIMARY)).isFalse();
    assertThat(ServerIdentity.parse(PRIMARY.encoded())).isEqualTo(PRIMARY);
    assertThat(ServerIdentity.parse("")).isNull();
    assertThat(ServerIdentity.parse("server_uuid=3E11FA47-71CA-11E1-9E33-C80AA9429562")
        .sameServer(ServerIdentity.parse("server_uuid=3e11fa47-71ca-11e1-9e33-c80aa9429562@h:1"))).isTrue();
  }

  @Test
  void sameServer_resumesAtFileAndOffset() {
    MySqlPosition p = new MySqlPosition("mysql-bin.000003", 500, "0-1-9", 1, 2, PRIMARY.encoded());
    Resume r = Resume.of("s", p, new ServerIdentity("server_id=1", "vip:3306"), () -> state(true, ""));
    assertThat(r.gtidStart()).isNull();
    assertThat(r.from().file()).isEqualTo("mysql-bin.000003");
    assertThat(r.from().position()).isEqualTo(500);
    assertThat(r.from().skipEvents()).isEqualTo(1);
    assertThat(r.from().server()).isEqualTo("server_id=1@vip:3306");
  }

  /** MariaDB's server_id defaults to 1: a server with the checkpoint's id that lacks its GTIDs is another one. */
  @Test
  void sameId_butTheCheckpointsGtidsMissing_isAnotherServer_refused() {
    MySqlPosition p = new MySqlPosition("mysql-bin.000003", 500, "0-1-9", 0, 0, PRIMARY.encoded());
    assertThatThrownBy(() -> Resume.of("s", p, new ServerIdentity("server_id=1", "other:3306"),
        () -> state(true, "0-1-9"))).isInstanceOfSatisfying(SyncException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_CHANGED))
        .hasMessageContaining("server_id=1 (at db1:3306)").hasMessageContaining("other:3306")
        .hasMessageContaining("same server_id=1");
  }

  @Test
  void positionOfThePreviousVersion_namesNoServer_resumesAsBefore() {
    MySqlPosition p = new MySqlPosition("mysql-bin.000003", 500, "0-1-9", 0, 0);
    Resume r = Resume.of("s", p, REPLICA, ResumeTest::unused);
    assertThat(r.gtidStart()).isNull();
    assertThat(r.from().position()).isEqualTo(500);
    assertThat(r.from().server()).isEqualTo(REPLICA.encoded());
  }

  @Test
  void anotherServer_withGtids_startsAfterThem_keepingSkipCounts() {
    MySqlPosition p = new MySqlPosition("mysql-bin.000003", 500, "0-1-9", 2, 7, PRIMARY.encoded());
    Resume r = Resume.of("s", p, REPLICA, () -> state(true, ""));
    assertThat(r.gtidStart()).isEqualTo("0-1-9");
    assertThat(r.from()).isEqualTo(new MySqlPosition("", 0, "0-1-9", 2, 7, REPLICA.encoded()));
  }

  @Test
  void anotherServer_withoutGtids_refusesNamingBothServers() {
    MySqlPosition p = new MySqlPosition("mysql-bin.000003", 500, "", 0, 0, PRIMARY.encoded());
    assertThatThrownBy(() -> Resume.of("s", p, REPLICA, ResumeTest::unused)).isInstanceOfSatisfying(
        SyncException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_CHANGED))
        .hasMessageContaining("server_id=1 (at db1:3306)").hasMessageContaining("server_id=2 (at db2:3306)")
        .hasMessageContaining("no GTIDs").hasMessageContaining("Fix:");
  }

  @Test
  void anotherServer_gtidsOff_orBehind_refuses() {
    MySqlPosition p = new MySqlPosition("mysql-bin.000003", 500, "u:1-9", 0, 0, "server_uuid=a@db1:3306");
    ServerIdentity other = new ServerIdentity("server_uuid=b", "db2:3306");
    assertThatThrownBy(() -> Resume.of("s", p, other, () -> state(false, "")))
        .hasMessageContaining("gtid_mode OFF");
    assertThatThrownBy(() -> Resume.of("s", p, other, () -> state(true, "u:8-9")))
        .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_CHANGED))
        .hasMessageContaining("has not executed u:8-9");
  }

  @Test
  void mariaDbMissing_comparesSequencePerDomain() {
    assertThat(Resume.mariaDbMissing("0-1-10,1-1-4", "0-2-12,1-1-4")).isEmpty();
    assertThat(Resume.mariaDbMissing("0-1-10,1-1-4", "0-2-9,1-1-4")).isEqualTo("0-1-10");
    assertThat(Resume.mariaDbMissing("0-1-10,2-1-1", "0-1-10")).isEqualTo("2-1-1");
    assertThat(Resume.mariaDbMissing("", "0-1-10")).isEmpty();
  }
}
