package io.tributary.examples;

import io.tributary.mysql.MySqlSource;
import io.tributary.paimon.PaimonWriter;
import io.tributary.postgres.PostgresSource;
import io.tributary.sync.CheckpointStores;
import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.TableSelector;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's "Getting started" code, compiled here and run against real servers by {@code GettingStartedIT} (which
 * also checks the README still shows exactly these lines). Each method is a complete pipeline: a source, preflight,
 * a Paimon writer, a file checkpoint store, full sync then streaming.
 */
public final class GettingStarted {

  private GettingStarted() {
  }

  /** MySQL/MariaDB database {@code shop} into Paimon database {@code lake}, one Paimon table per source table. */
  public static PipelineStatus mySqlToPaimon(String host, int port, String user, String password, Path warehouse,
      Path checkpoints) throws InterruptedException {
    // README:mysql:start
    MySqlSource mysql = MySqlSource.builder()
        .name("shop-mysql")                                  // the source's name in status and checkpoints
        .host(host).port(port).user(user).password(password)
        .includeDatabases("shop")                            // regular expressions
        .build();
    mysql.preflight(mysql.discoverTables()).throwIfFailed(); // server settings and grants, each failure with its fix

    try (SyncPipeline pipeline = SyncPipeline.builder()
        .name("shop-to-lake")
        .source(mysql)
        .tables(TableSelector.of("shop", ".*"))              // mirror mode: shop.orders -> Paimon table "orders"
        .fullSync(true)                                      // snapshot first, while the binlog keeps flowing
        .writer(PaimonWriter.builder()
            .warehouse(warehouse)                            // a directory, or warehouse("s3://bucket/path")
            .database("lake")                                // the Paimon database of the targets
            .build())
        .checkpointStore(CheckpointStores.file(checkpoints)) // where a restart resumes from
        .commitInterval(Duration.ofSeconds(5))
        .build()) {
      pipeline.start();                                      // returns at once; runs on its own threads
      pipeline.awaitCaughtUp(Duration.ofMinutes(10));
      PipelineStatus status = pipeline.status();
      pipeline.stop();                                       // a host keeps it running; stop() checkpoints
      // README:mysql:end
      return status;
    }
  }

  /** PostgreSQL schema {@code public} into Paimon database {@code lake}, one Paimon table per source table. */
  public static PipelineStatus postgresToPaimon(String host, int port, String database, String user, String password,
      Path warehouse, Path checkpoints) throws InterruptedException {
    // README:postgres:start
    PostgresSource postgres = PostgresSource.builder()
        .name("shop-pg")
        .host(host).port(port).database(database).user(user).password(password)
        .includeSchemas("public")
        .slotName("shop_to_lake")                            // the logical replication slot the pipeline owns
        .build();
    postgres.preflight(postgres.discoverTables()).throwIfFailed();

    try (SyncPipeline pipeline = SyncPipeline.builder()
        .name("shop-pg-to-lake")
        .source(postgres)
        .tables(TableSelector.of("public", ".*"))
        .fullSync(true)
        .writer(PaimonWriter.builder().warehouse(warehouse).database("lake").build())
        .checkpointStore(CheckpointStores.file(checkpoints))
        .build()) {
      pipeline.start();
      pipeline.awaitCaughtUp(Duration.ofMinutes(10));
      PipelineStatus status = pipeline.status();
      pipeline.stop();
      // README:postgres:end
      return status;
    }
  }
}
