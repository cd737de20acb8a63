package io.tributary.benchmarks.e2e;

import io.tributary.sync.spi.ChangeSource;

/**
 * One source database under benchmark, with the table {@code bench} of {@link BenchTable}'s shape and the two
 * in-run baselines the Tributary figures are set beside.
 */
interface BenchDatabase extends AutoCloseable {

  /** For the report, e.g. "MariaDB 10.11.5 (embedded)". */
  String label();

  /** (Re)creates the table and fills it with ids 1..rows. */
  void load(int rows) throws Exception;

  /** Baseline: a raw JDBC streaming {@code SELECT *} reading every column of every row; returns the rows read. */
  long rawScan() throws Exception;

  /** A source capturing only the bench table; {@code id} keeps server state (slots, server ids) apart. */
  default ChangeSource source(String id) {
    return sourceFactory(id).build();
  }

  /**
   * {@link #source(String)} as a serializable factory capturing only connection values, for a Flink job (each task
   * builds its own source from the job's definition).
   */
  SourceFactory sourceFactory(String id);

  /** Drops what a source of {@code id} left on the server when its job was cancelled (a replication slot). */
  void dropSourceState(String id) throws Exception;

  /** The table's row count and column sums, for comparing a target with the source. */
  Checksum checksum() throws Exception;

  /** See {@link #sourceFactory(String)}. */
  interface SourceFactory extends java.io.Serializable {
    ChangeSource build();
  }

  /** {@code COUNT(*), SUM(id), SUM(i), SUM(l), SUM(flag), SUM(LENGTH(s))} of the bench table. */
  record Checksum(long rows, long sumId, long sumI, long sumL, long sumFlag, long sumLengthS) {

    static Checksum query(java.sql.Connection c, String table) throws java.sql.SQLException {
      try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(
          "SELECT COUNT(*), SUM(id), SUM(i), SUM(l), SUM(flag), SUM(LENGTH(s)) FROM " + table)) {
        rs.next();
        return new Checksum(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
            rs.getLong(6));
      }
    }
  }

  /**
   * Remembers the log end (or creates one slot per raw reader) so that each of {@code readers} raw reads starts
   * where the backlog does.
   */
  void markBacklogStart(int readers) throws Exception;

  /** Writes {@code changes} row updates (ids 1..changes) in transactions of 10,000 rows. */
  void writeBacklog(int changes) throws Exception;

  /**
   * Baseline: reads the backlog with the bare log client, decoding rows and doing nothing else; returns changes.
   *
   * @param reader which of {@link #markBacklogStart}'s readers, each usable once
   */
  long rawLogRead(int changes, int reader) throws Exception;

  /** A connection that upserts rows, one transaction per call, {@code ts} set to the server's clock. */
  Upserts upserts() throws Exception;

  /** See {@link #upserts()}. */
  interface Upserts extends AutoCloseable {
    void upsert(long[] ids) throws Exception;
  }

  @Override
  void close() throws Exception;
}
