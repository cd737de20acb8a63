package io.tributary.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An embedded PostgreSQL database full-synced into Paimon by a Flink job at parallelism 2, with inserts, updates,
 * deletes and multi-statement transactions inside every chunk read and while streaming; a reader fails once
 * mid-chunk and a writer once while streaming, each restored from the last checkpoint (the log split reopens the
 * replication slot at its checkpointed position). The Paimon tables must equal the source row by row. The slots
 * the job made are dropped afterwards (a cancelled job leaves its slot by design: {@link FlinkIt}).
 */
class FlinkPostgresIT {

  @RegisterExtension
  static final FlinkIt IT = new FlinkIt();

  @Test
  void fullSyncUnderWrites_readerAndWriterFail_restored_paimonEqualsSource() throws Exception {
    long seed = Long.getLong("tributary.seed", System.nanoTime());
    System.out.println("FlinkPostgresIT seed=" + seed + " (re-run with -Dtributary.seed=" + seed + ")");
    String database = IT.postgres("flink_pg");
    Shop.createPg(database);
    String warehouse = IT.warehouse();
    FlinkIt.SourceRows source = Pg.of(database, "shop");
    Faults.FAIL_CHUNK.set(5);
    JobClient job = IT.start(TributaryFlink.job(Shop.pg(database, warehouse, seed, "flink_it")), "flink-pg");
    FlinkIt.awaitTables(warehouse, "items", "orders");
    Random random = new Random(seed);
    Shop.pgWrites(database, random, 200);
    FlinkIt.awaitEqual(job, warehouse, source, "items", "orders");
    assertThat(Faults.CHUNK_FAILED).as("the reader fault fired").isTrue();
    Faults.DIRECT_WRITES.set(0);
    Faults.FAIL_DIRECT_WRITE.set(2);
    Shop.pgWrites(database, random, 150);
    FlinkIt.awaitEqual(job, warehouse, source, "items", "orders");
    assertThat(Faults.DIRECT_WRITE_FAILED).as("the streaming writer fault fired").isTrue();
    assertThat(Pg.slots(database)).as("the job reads through its one slot").isEqualTo(1);
  }
}
