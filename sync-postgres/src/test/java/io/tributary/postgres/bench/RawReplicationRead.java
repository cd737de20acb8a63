package io.tributary.postgres.bench;

import io.tributary.postgres.PgFixture;
import io.tributary.postgres.internal.PgOutput;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The WAL baseline of the benchmarks: a bare PgJDBC replication stream on a slot, decoding pgoutput messages and
 * counting row changes, nothing else; values in binary on PostgreSQL 14+, as the source asks for them. Shared by {@link PgBench} and the end-to-end suite.
 */
public final class RawReplicationRead {

  private RawReplicationRead() {
  }

  /** Reads {@code slot} of {@code database} until {@code changes} row changes were decoded; returns them. */
  public static long read(String database, String slot, String publication, long changes) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", PgFixture.server().user());
    p.setProperty("password", PgFixture.server().password());
    p.setProperty("replication", "database");
    p.setProperty("preferQueryMode", "simple");
    p.setProperty("assumeMinServerVersion", "10");
    long n = 0;
    try (Connection c = DriverManager.getConnection(PgFixture.server().jdbcUrl(database), p)) {
      var builder = c.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
          .withSlotName(slot).withStartPosition(LogSequenceNumber.INVALID_LSN)
          .withSlotOption("proto_version", 1).withSlotOption("publication_names", publication)
          .withStatusInterval(10, TimeUnit.SECONDS);
      if (c.getMetaData().getDatabaseMajorVersion() >= 14) {
        // As the source reads (binaryValues, on by default): the server's side of both reads does the same work.
        builder.withSlotOption("binary", "true");
      }
      PGReplicationStream stream = builder.start();
      while (n < changes) {
        ByteBuffer buffer = stream.readPending();
        if (buffer == null) {
          Thread.sleep(1);
        } else if (PgOutput.decode(buffer) instanceof PgOutput.Change) {
          n++;
        }
      }
      stream.close();
    }
    return n;
  }
}
