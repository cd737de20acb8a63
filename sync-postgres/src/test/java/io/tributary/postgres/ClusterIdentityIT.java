package io.tributary.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.Heartbeat;
import io.tributary.sync.event.RowChange;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.LogStream;
import io.tributary.sync.spi.StartPosition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Positions name the cluster (system identifier) and timeline they were read on; a checkpoint of another cluster
 * is refused with SERVER_CHANGED naming both, a timeline change of the same cluster continues with the slot, and a
 * position of the previous version (no cluster) resumes as before.
 */
class ClusterIdentityIT {

  private String db;
  private PostgresSource source;
  private Map<TableId, TableSchema> schemas;

  @BeforeEach
  void setUp() {
    db = PgFixture.newDatabase("cluster");
    PgFixture.execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
    source = PgFixture.source(db, "cluster").build();
    TableSchema schema = source.discoverTables().get(0);
    schemas = Map.of(schema.id(), schema);
  }

  @AfterEach
  void tearDown() {
    PgFixture.dropSlots(db);
    source.close();
  }

  private List<Object> read(LogStream log, int rows) throws InterruptedException {
    List<Object> ids = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (ids.size() < rows && System.nanoTime() < deadline) {
      for (ChangeEvent e : log.poll(Duration.ofMillis(100))) {
        if (e instanceof RowChange r) {
          ids.add(r.after().get(0));
        }
      }
    }
    return ids;
  }

  @Test
  void positionsNameTheCluster_anotherClusterIsRefused_aNewTimelineAndOldPositionsResume() throws Exception {
    PostgresPosition p;
    try (LogStream log = source.openLog(StartPosition.latest(), schemas)) {
      PgFixture.execute(db, "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)");
      List<ChangeEvent> events = new ArrayList<>();
      while (events.stream().filter(RowChange.class::isInstance).count() < 1) {
        for (ChangeEvent e : log.poll(Duration.ofMillis(100))) {
          if (!(e instanceof Heartbeat)) {
            events.add(e);
          }
        }
      }
      p = (PostgresPosition) events.get(0).position();
      log.acknowledge(p);
    }
    String system;
    int timeline;
    try (Connection c = PgFixture.connect(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT system_identifier::text, (SELECT timeline_id FROM pg_control_checkpoint())"
            + " FROM pg_control_system()")) {
      rs.next();
      system = rs.getString(1);
      timeline = rs.getInt(2);
    }
    assertThat(p.system()).isEqualTo(system);
    assertThat(p.timeline()).isEqualTo(timeline);

    PostgresPosition foreign = p.on("7000000000000000001", 1);
    assertThatThrownBy(() -> source.openLog(StartPosition.at(foreign), schemas))
        .isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_CHANGED))
        .hasMessageContaining("system_identifier 7000000000000000001").hasMessageContaining("system_identifier "
            + system).hasMessageContaining("Fix:");

    // The same cluster on a later timeline (a promoted standby keeps the identifier): continues with the slot.
    try (LogStream log = source.openLog(StartPosition.at(p.on(system, timeline + 1)), schemas)) {
      assertThat(read(log, 1)).containsExactly(2);
    }
    // A position of the previous version names no cluster: resumes as before.
    try (LogStream log = source.openLog(StartPosition.at(new PostgresPosition(p.lsn(), p.skip())), schemas)) {
      assertThat(((PostgresPosition) log.startPosition()).system()).isEqualTo(system);
      assertThat(read(log, 1)).containsExactly(2);
    }
  }
}
