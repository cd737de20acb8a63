package io.tributary.examples.typematrix;

import io.tributary.sync.spi.ChangeSource;
import java.util.List;

/**
 * A source server the type matrix runs against. Adding a server (e.g. MySQL 8.0) is one implementation of this
 * interface, or an instance of {@link MySqlMatrixServer} over its fixture, plus a test method calling
 * {@link TypeMatrix#run}.
 */
public interface MatrixServer {

  /** A short name for messages, e.g. {@code mariadb-10.11}. */
  String name();

  /** Creates (or empties) the database the matrix writes to. */
  void reset();

  /** Runs statements in the matrix database, in the session settings the canonical forms assume. */
  void execute(List<String> sql);

  /** Rows of text columns (null for SQL NULL) of a query in the matrix database. */
  List<List<String>> query(String sql);

  /** DDL creating {@code family}'s table with an {@code id} primary key and every case's column. */
  List<String> createTable(TypeCase.Family family);

  /** A source reading the matrix database. */
  ChangeSource source(String pipelineName);

  /** Called while the pipeline streams, after the log's values arrived (e.g. to check how they were read). */
  default void whileStreaming() {
  }

  /** Called after the run (e.g. drops replication slots). */
  default void cleanUp() {
  }
}
