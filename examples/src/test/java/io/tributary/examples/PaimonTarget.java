package io.tributary.examples;

import io.tributary.paimon.PaimonTableReader;
import io.tributary.paimon.PaimonWriter;
import io.tributary.sync.CheckpointStores;
import io.tributary.sync.SyncPipeline;
import io.tributary.sync.event.Column;
import io.tributary.sync.event.Row;
import io.tributary.sync.spi.ChangeWriter;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import org.apache.paimon.catalog.Catalog;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Paimon side of an end-to-end test, registered per test instance
 * ({@code @RegisterExtension final PaimonTarget lake = new PaimonTarget();}): a warehouse (database {@code lake},
 * two buckets) and a file checkpoint store in a directory of the test's own, deleted after it; pipelines aimed at
 * them; the tables read back with Paimon's own reader for a row-by-row comparison with the source.
 */
final class PaimonTarget implements BeforeEachCallback, AfterEachCallback {

  static final String DATABASE = "lake";

  private Path dir;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("paimon-target");
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (dir != null) {
      delete(dir);
      dir = null;
    }
  }

  Path warehouse() {
    return dir().resolve("warehouse");
  }

  private Path dir() {
    if (dir == null) {
      throw new IllegalStateException("PaimonTarget used outside a test: register it with @RegisterExtension");
    }
    return dir;
  }

  /** A fresh writer on the warehouse (each pipeline run needs its own). */
  ChangeWriter writer() {
    return PaimonWriter.builder().warehouse(warehouse()).database(DATABASE).buckets(2).build();
  }

  /** A pipeline into a fresh writer: see {@link #pipeline(String, ChangeWriter)}. */
  SyncPipeline.Builder pipeline(String name) {
    return pipeline(name, writer());
  }

  /**
   * A pipeline named {@code name} into {@code writer} (one on this warehouse, or wrapping one), committing every
   * 300 ms, its checkpoints in the file store beside the warehouse (a restarted pipeline resumes from them).
   */
  SyncPipeline.Builder pipeline(String name, ChangeWriter writer) {
    return SyncPipeline.builder().name(name).commitInterval(Duration.ofMillis(300)).writer(writer)
        .checkpointStore(CheckpointStores.file(dir().resolve("checkpoints")));
  }

  /** The column names of {@code table}, in the table's order. */
  List<String> columns(String table) throws Exception {
    try (PaimonTableReader reader = reader()) {
      return reader.columns(table).stream().map(Column::name).toList();
    }
  }

  /** Every row of {@code table}, laid out by {@link #columns}. */
  List<Row> read(String table) throws Exception {
    try (PaimonTableReader reader = reader()) {
      return reader.read(table);
    }
  }

  /** A reader of the warehouse, for more than {@link #columns} and {@link #read} offer. */
  PaimonTableReader reader() {
    return PaimonTableReader.open(warehouse(), DATABASE);
  }

  /** Paimon's own catalog of the warehouse, to change tables behind a pipeline's back. */
  Catalog catalog() {
    return PaimonTamper.catalog(warehouse());
  }

  private static void delete(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // gone meanwhile
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.deleteIfExists(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
