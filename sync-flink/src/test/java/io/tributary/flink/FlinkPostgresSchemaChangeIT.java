package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.postgres.PgFixture;
import io.tributary.sync.event.Row;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link FlinkSchemaChangeIT}'s case on PostgreSQL 17 (pgoutput reports a table's new layout with its next row):
 * while the job streams with writes under way, {@code items} gets a column added and a column widened and equals the
 * source row by row, and {@code clocks}' {@code time} made {@code time(6)} (Paimon's TIME holds milliseconds: the
 * writer's check refuses it) stops that table alone while the job and {@code items} go on.
 */
class FlinkPostgresSchemaChangeIT {

  @RegisterExtension
  static final FlinkIt IT = new FlinkIt();

  private String database;
  private long nextId = 100_000;
  private boolean extra;

  static Definition definition(String database, String warehouse) {
    PgFixture.server();
    return b -> b.name("flink-pg-schema").fullSync(true).snapshotChunkSize(300)
        .commitInterval(Duration.ofMillis(300))
        .source(PgFixture.source(database, "pg").includeSchemas("shop").slotName("flink_schema_it").build())
        .writer(FlinkIt.lakeWriter(warehouse));
  }

  @Test
  void schemaChangesWhileStreaming_appliedOrStoppingOnlyTheirTable() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkPostgresSchemaChangeIT seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    Random random = new Random(seed);
    database = IT.postgres("flink_pg_schema");
    StringBuilder items = new StringBuilder("INSERT INTO shop.items VALUES ");
    StringBuilder clocks = new StringBuilder("INSERT INTO shop.clocks VALUES ");
    for (int i = 1; i <= 1500; i++) {
      items.append(i == 1 ? "" : ",").append('(').append(i).append(',').append(i % 97).append(",'n").append(i)
          .append("')");
    }
    for (int i = 1; i <= 300; i++) {
      clocks.append(i == 1 ? "" : ",").append('(').append(i).append(",'10:00:00',").append(i).append(')');
    }
    PgFixture.execute(database, "CREATE SCHEMA shop",
        "CREATE TABLE shop.items (id BIGINT PRIMARY KEY, qty INT NOT NULL, note VARCHAR(40))",
        "CREATE TABLE shop.clocks (id BIGINT PRIMARY KEY, t TIME(0), v INT)", items.toString(), clocks.toString());
    String warehouse = IT.warehouse();
    JobClient job = IT.start(TributaryFlink.job(definition(database, warehouse)), "flink-pg-schema");
    FlinkIt.awaitTables(warehouse, "items", "clocks");
    writes(random, 100);
    awaitEqual(job, warehouse, null);
    PgFixture.execute(database, "ALTER TABLE shop.items ADD COLUMN extra VARCHAR(20)");
    extra = true;
    writes(random, 100);
    List<Row> clocksBefore = projected(Pg.rows(database, "shop.clocks"));
    PgFixture.execute(database, "ALTER TABLE shop.clocks ALTER COLUMN t TYPE TIME(6)");
    writes(random, 100);
    PgFixture.execute(database, "ALTER TABLE shop.items ALTER COLUMN qty TYPE BIGINT");
    writes(random, 100);
    awaitEqual(job, warehouse, clocksBefore);
    assertThat(projected(Pg.rows(database, "shop.clocks"))).as("clocks changed after its refused DDL")
        .isNotEqualTo(clocksBefore);
  }

  private void awaitEqual(JobClient job, String warehouse, List<Row> clocks) {
    await().atMost(FlinkIt.WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      assertThat(FlinkIt.lake(warehouse, "items")).isEqualTo(Pg.rows(database, "shop.items"));
      assertThat(projected(FlinkIt.lake(warehouse, "clocks"))).isEqualTo(clocks != null ? clocks
          : projected(Pg.rows(database, "shop.clocks")));
    });
  }

  /** id and v (the TIME column's Java types differ between JDBC and Paimon, and it is not what is compared). */
  private static List<Row> projected(List<Row> rows) {
    return rows.stream().map(r -> Row.of(((Number) r.get(0)).longValue(), r.get(2))).toList();
  }

  private void writes(Random random, int statements) throws SQLException {
    try (Connection c = PgFixture.connect(database); Statement s = c.createStatement()) {
      for (int i = 0; i < statements; i++) {
        int id = 1 + random.nextInt(1500);
        int small = 1 + random.nextInt(300);
        switch (random.nextInt(5)) {
          case 0 -> s.execute("INSERT INTO shop.items (id, qty, note) VALUES (" + nextId++ + ", 1, 'i" + i + "')");
          case 1 -> s.execute("UPDATE shop.items SET qty = qty + 1, note = 'u" + i + "'"
              + (extra ? ", extra = 'e" + i + "'" : "") + " WHERE id = " + id);
          case 2 -> s.execute("DELETE FROM shop.items WHERE id = " + id);
          case 3 -> s.execute("UPDATE shop.clocks SET v = v + 1 WHERE id = " + small);
          default -> {
            c.setAutoCommit(false);
            s.execute("UPDATE shop.items SET note = NULL WHERE id = " + id);
            s.execute("INSERT INTO shop.clocks (id, v) VALUES (" + nextId++ + ", " + i + ")");
            c.commit();
            c.setAutoCommit(true);
          }
        }
      }
    }
  }
}
