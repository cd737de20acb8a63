package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.SourcePosition;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A position read on a primary, resumed on its replica (two embedded MariaDB servers in GTID replication): by GTID,
 * with no row lost or repeated even from inside a transaction; refused with SERVER_CHANGED, naming both servers,
 * when the position has no GTIDs or the replica lacks some of them.
 */
class ReplicaFailoverIT {

  private static final String DB = "replica_failover_it";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static MariaDbPair pair;

  @BeforeAll
  static void startPair() {
    pair = MariaDbPair.start();
    // A transaction of the replica's own (in another GTID domain) shifts its binlog offsets from the primary's: a
    // resume at the primary's file and offset on it would land elsewhere.
    pair.replica().execute("SET gtid_domain_id = 1", "CREATE DATABASE replica_local",
        "CREATE TABLE replica_local.x (id INT PRIMARY KEY, note VARCHAR(100))",
        "INSERT INTO replica_local.x VALUES (1, REPEAT('x', 100))");
    pair.primary().execute("CREATE DATABASE " + DB, "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY, v INT)");
    pair.awaitReplicaCaughtUp();
  }

  @AfterAll
  static void stopPair() {
    if (pair != null) {
      pair.close();
    }
  }

  private static MySqlSource source(MariaDbPair.Node n) {
    return MySqlSource.builder().name("src").host(n.host()).port(n.port()).user(n.user()).password(n.password())
        .includeDatabases(DB).heartbeatInterval(Duration.ofMillis(200)).build();
  }

  private static LogStream open(MySqlSource source, StartPosition start) {
    TableSchema schema = source.discoverTables().get(0);
    return source.openLog(start, Map.of(schema.id(), schema));
  }

  private static List<Object> ids(List<ChangeEvent> events) {
    return events.stream().map(e -> ((RowChange) e).after().get(0)).toList();
  }

  @Test
  void positionsRead_resumedOnThePromotedReplica_deliverEveryLaterRowOnce() throws Exception {
    SourcePosition afterSecond;
    SourcePosition afterFourth;
    try (MySqlSource primary = source(pair.primary()); LogStream log = open(primary, StartPosition.latest())) {
      // One transaction of three rows events, then another: the position after the second row is mid-transaction.
      pair.primary().execute("BEGIN", "INSERT INTO " + DB + ".t VALUES (1, 1)", "INSERT INTO " + DB
          + ".t VALUES (2, 2)", "INSERT INTO " + DB + ".t VALUES (3, 3)", "COMMIT",
          "INSERT INTO " + DB + ".t VALUES (4, 4), (5, 5)");
      List<ChangeEvent> events = Sources.readUntil(log, Sources.atLeast(5), WAIT);
      assertThat(ids(events)).containsExactly(1, 2, 3, 4, 5);
      afterSecond = events.get(1).position(); // inside the first transaction, between its rows events
      afterFourth = events.get(3).position(); // inside one rows event of the second, after the first commit read
    }
    MySqlPosition p = (MySqlPosition) afterSecond;
    assertThat(p.server()).isEqualTo("server_id=1@127.0.0.1:" + pair.primary().port());
    assertThat(p.skipEvents()).as("%s", p).isEqualTo(2);
    // Written on the primary after the pipeline stopped: replicated, so the replica must deliver them.
    pair.primary().execute("INSERT INTO " + DB + ".t VALUES (6, 6)", "UPDATE " + DB + ".t SET v = 70 WHERE id = 5");
    pair.awaitReplicaCaughtUp();
    pair.promoteReplica();
    pair.replica().execute("INSERT INTO " + DB + ".t VALUES (7, 7)");
    try (MySqlSource replica = source(pair.replica()); LogStream log = open(replica, StartPosition.at(p))) {
      assertThat(((MySqlPosition) log.startPosition()).server()).startsWith("server_id=2@");
      List<ChangeEvent> events = Sources.readUntil(log, Sources.atLeast(6), WAIT);
      assertThat(ids(events)).containsExactly(3, 4, 5, 6, 5, 7);
      assertThat(((RowChange) events.get(4)).after().get(1)).isEqualTo(70);
      // Positions read on the replica now name it, and resume there by file and offset.
      MySqlPosition there = (MySqlPosition) events.get(3).position();
      assertThat(there.server()).startsWith("server_id=2@");
      assertThat(there.file()).isNotEmpty();
      try (LogStream again = open(replica, StartPosition.at(there))) {
        assertThat(ids(Sources.readUntil(again, Sources.atLeast(2), WAIT))).containsExactly(5, 7);
      }
    }
    MySqlPosition p4 = (MySqlPosition) afterFourth;
    String g = p.gtids(); // one domain: 0-1-<seq>
    String next = g.substring(0, g.lastIndexOf('-') + 1) + (Long.parseLong(g.substring(g.lastIndexOf('-') + 1)) + 1);
    assertThat(p4.gtids()).as("the GTIDs of the transactions read: %s", p4).isEqualTo(next);
    try (MySqlSource replica = source(pair.replica()); LogStream log = open(replica, StartPosition.at(p4))) {
      assertThat(ids(Sources.readUntil(log, Sources.atLeast(4), WAIT))).containsExactly(5, 6, 5, 7);
    }
  }

  @Test
  void positionWithoutGtids_onAnotherServer_isRefusedNamingBothServers() {
    // As a checkpoint in file/position mode records it: a binlog file and offset, no GTID set.
    String file = pair.primary().rows("SHOW MASTER STATUS").get(0).get(0);
    MySqlPosition p = new MySqlPosition(file, 4, "", 0, 0, "server_id=1@127.0.0.1:" + pair.primary().port());
    assertThat(pair.replica().rows("SHOW BINARY LOGS")).as("the replica has a binlog file of the same name")
        .anyMatch(r -> r.get(0).equals(file));
    try (MySqlSource replica = source(pair.replica())) {
      assertThatThrownBy(() -> open(replica, StartPosition.at(p))).isInstanceOfSatisfying(SyncException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_CHANGED))
          .hasMessageContaining("server_id=1 (at 127.0.0.1:" + pair.primary().port() + ")")
          .hasMessageContaining("server_id=2 (at 127.0.0.1:" + pair.replica().port() + ")")
          .hasMessageContaining("no GTIDs").hasMessageContaining("Fix:");
    }
  }

  @Test
  void positionAheadOfTheReplica_isRefused() {
    MySqlPosition p = new MySqlPosition("mysql-bin.000001", 4, "0-1-999999", 0, 0,
        "server_id=1@127.0.0.1:" + pair.primary().port());
    try (MySqlSource replica = source(pair.replica())) {
      assertThatThrownBy(() -> open(replica, StartPosition.at(p))).isInstanceOfSatisfying(SyncException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_CHANGED)).hasMessageContaining("has not executed 0-1-999999");
      // A position of another server that happens to have the replica's server_id (ids collide: the default is 1).
      MySqlPosition sameId = p.onServer("server_id=2@10.9.9.9:3306");
      assertThatThrownBy(() -> open(replica, StartPosition.at(sameId))).isInstanceOfSatisfying(SyncException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_CHANGED)).hasMessageContaining("same server_id=2");
    }
  }
}
