package io.tributary.paimon;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.paimon.fs.FileIO;
import org.apache.paimon.fs.FileIOLoader;
import org.apache.paimon.fs.Path;
import org.apache.paimon.fs.local.LocalFileIO;

/**
 * A local file system under the {@code flaky://} scheme whose snapshot commits fail while {@link #failures} is
 * positive, as an object store dropping a connection would.
 */
public class FlakyFileIO extends LocalFileIO {

  private static final long serialVersionUID = 1L;

  /** Failures left to inject; each failing rename of a snapshot file consumes one. */
  public static final AtomicInteger failures = new AtomicInteger();
  /** Only snapshot files under a path containing this fail ("" for all). */
  public static volatile String pathFilter = "";

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    if (dst.getName().startsWith("snapshot-") && dst.toString().contains(pathFilter)
        && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IOException("injected: connection reset while writing " + dst);
    }
    return super.rename(src, dst);
  }

  /** Registers the scheme through Paimon's {@link FileIOLoader} service. */
  public static class Loader implements FileIOLoader {
    private static final long serialVersionUID = 1L;

    @Override
    public String getScheme() {
      return "flaky";
    }

    @Override
    public FileIO load(Path path) {
      return new FlakyFileIO();
    }
  }
}
