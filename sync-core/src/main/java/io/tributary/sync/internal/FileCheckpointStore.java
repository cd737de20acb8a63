package io.tributary.sync.internal;

import io.tributary.sync.spi.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/** See {@link io.tributary.sync.CheckpointStores#file(Path)}. */
public final class FileCheckpointStore implements CheckpointStore {

  private final Path directory;

  public FileCheckpointStore(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  @Override
  public Optional<byte[]> load(String pipeline) {
    Path file = file(pipeline);
    try {
      return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file, e);
    }
  }

  @Override
  public void save(String pipeline, byte[] checkpoint) {
    Path file = file(pipeline);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(directory);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(checkpoint);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save checkpoint " + file + "; check the directory is writable", e);
    }
  }

  @Override
  public void clear(String pipeline) {
    try {
      Files.deleteIfExists(file(pipeline));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete checkpoint of " + pipeline, e);
    }
  }

  private Path file(String pipeline) {
    return directory.resolve(pipeline.replaceAll("[^A-Za-z0-9._-]", "_") + ".checkpoint");
  }
}
