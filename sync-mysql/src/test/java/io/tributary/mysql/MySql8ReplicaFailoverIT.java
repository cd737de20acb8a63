package io.tributary.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.RowChange;
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
 * {@link ReplicaFailoverIT} on MySQL 8 (GTID auto-position): positions name the server by {@code server_uuid}; one
 * read on the primary, from inside a transaction, resumes on the promoted replica after its GTID set even though the
 * replica's own earlier transaction (another UUID) comes first there; a replica behind the position is refused.
 */
class MySql8ReplicaFailoverIT {

  private static final String DB = "mysql8_failover_it";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static MySql8Pair pair;

  @BeforeAll
  static void startPair() throws Exception {
    pair = MySql8Pair.start();
    // The replica's own transaction (its own UUID), before the primary's: a GTID start there sends it first, and
    // shifts the replica's binlog offsets away from the primary's.
    pair.replica.execute("CREATE DATABASE replica_local");
    pair.primary.execute("CREATE DATABASE " + DB, "CREATE TABLE " + DB + ".t (id INT PRIMARY KEY, v INT)");
    pair.awaitReplicaCaughtUp();
  }

  @AfterAll
  static void stopPair() {
    if (pair != null) {
      pair.close();
    }
  }

  private static MySqlSource source(MySql8Pair.Node n) {
    return MySqlSource.builder().name("src").host("127.0.0.1").port(n.port).user("admin").password("admin")
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
  void positionInsideATransaction_resumesOnThePromotedReplicaByGtid_andABehindReplicaIsRefused() throws Exception {
    String primaryUuid = pair.primary.queryString("SELECT @@server_uuid");
    MySqlPosition p;
    try (MySqlSource primary = source(pair.primary); LogStream log = open(primary, StartPosition.latest())) {
      pair.primary.execute("BEGIN", "INSERT INTO " + DB + ".t VALUES (1, 1)", "INSERT INTO " + DB
          + ".t VALUES (2, 2)", "INSERT INTO " + DB + ".t VALUES (3, 3)", "COMMIT",
          "INSERT INTO " + DB + ".t VALUES (4, 4)");
      List<ChangeEvent> events = Sources.readUntil(log, Sources.atLeast(4), WAIT);
      p = (MySqlPosition) events.get(1).position();
    }
    assertThat(p.server()).isEqualTo("server_uuid=" + primaryUuid + "@127.0.0.1:" + pair.primary.port);
    assertThat(p.transaction()).startsWith(primaryUuid + ":");
    assertThat(p.skipEvents()).isEqualTo(2);

    // Behind: the replica's applier stopped before the position's transactions arrive.
    MySqlPosition ahead = new MySqlPosition(p.file(), p.position(), primaryUuid + ":1-999999", 0, 0, p.server());
    try (MySqlSource replica = source(pair.replica)) {
      assertThatThrownBy(() -> open(replica, StartPosition.at(ahead))).isInstanceOfSatisfying(SyncException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_CHANGED)).hasMessageContaining("has not executed");
    }

    pair.primary.execute("INSERT INTO " + DB + ".t VALUES (5, 5)");
    pair.awaitReplicaCaughtUp();
    pair.promoteReplica();
    pair.replica.execute("INSERT INTO " + DB + ".t VALUES (6, 6)");
    try (MySqlSource replica = source(pair.replica); LogStream log = open(replica, StartPosition.at(p))) {
      assertThat(ids(Sources.readUntil(log, Sources.atLeast(4), WAIT))).containsExactly(3, 4, 5, 6);
    }
  }
}
