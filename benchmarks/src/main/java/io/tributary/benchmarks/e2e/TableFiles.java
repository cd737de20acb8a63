package io.tributary.benchmarks.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a Paimon table keeps on disk, read from its directory (the benchmark's warehouse is local): snapshot files
 * ({@code snapshot/snapshot-N}), data files (in {@code bucket-*} directories, whether a retained snapshot still
 * references them or not: what expiry has not deleted yet counts, since that is what must stay bounded) and
 * manifest files. Read while the writer commits, so a file may vanish mid-listing: that is counted as gone.
 */
record TableFiles(long snapshots, long dataFiles, long dataBytes, long manifests) {

  static TableFiles of(Path tableDir) {
    long snapshots = count(tableDir.resolve("snapshot"), "snapshot-");
    long manifests = count(tableDir.resolve("manifest"), "");
    long data = 0;
    long bytes = 0;
    try (Stream<Path> buckets = list(tableDir)) {
      for (Path b : (Iterable<Path>) buckets.filter(p -> p.getFileName().toString().startsWith("bucket-"))::iterator) {
        try (Stream<Path> files = list(b)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            data++;
            bytes += size(f);
          }
        }
      }
    }
    return new TableFiles(snapshots, data, bytes, manifests);
  }

  private static long count(Path dir, String prefix) {
    try (Stream<Path> files = list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
    }
  }

  private static Stream<Path> list(Path dir) {
    try {
      return Files.list(dir);
    } catch (NoSuchFileException e) {
      return Stream.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return snapshots + "/" + dataFiles;
  }
}
