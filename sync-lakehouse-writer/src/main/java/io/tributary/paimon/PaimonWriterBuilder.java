package io.tributary.paimon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configures a {@link PaimonWriter}. Each setter checks its value at once (null: NPE; bad value: IAE naming it;
 * set twice: ISE). {@link #build()} does no I/O and leaves the builder reusable; the catalog is opened by
 * {@link PaimonWriter#open}.
 *
 * <p>Defaults suit frequent CDC commits: 4 fixed buckets, Parquet, Paimon's deduplicate merge engine, snapshots kept
 * for an hour (10 to 200 of them) so readers and time travel keep working while the snapshot directory stays small,
 * and one spillable 256 MB write-buffer pool shared by all tables. Paimon's own compaction (inline, triggered by the
 * number of sorted runs) keeps small files in check. Any Paimon table option can be overridden with
 * {@link #tableOption}.
 */
public final class PaimonWriterBuilder {

  /** Table options the writer owns: overriding them would break primary-key semantics or the staging layout. */
  private static final Set<String> RESERVED = Set.of("primary-key", "partition", "sequence.field", "merge-engine",
      "bucket", "file.format", "bucket-key", io.tributary.paimon.internal.Tables.OWNER_OPTION);

  private String warehouse;
  private String database;
  private Integer buckets;
  private String fileFormat;
  private String commitUser;
  private Long maxPrimaryKeyBytes;
  private Long maxFieldBytes;
  private Integer maxTrackedRows;
  private Long writeBufferBytes;
  private int retryAttempts = 3;
  private Duration retryBackoff = Duration.ofMillis(200);
  private String spillDirectory = System.getProperty("java.io.tmpdir");
  private Duration snapshotRetainedTime;
  private int snapshotRetainedMin = 10;
  private int snapshotRetainedMax = 200;
  private final Map<String, String> tableOptions = new LinkedHashMap<>();
  private final Map<String, String> catalogOptions = new LinkedHashMap<>();

  PaimonWriterBuilder() {}

  /** Warehouse URI or path: a local directory or any scheme with a Paimon FileIO (s3://, oss://, hdfs://...). */
  public PaimonWriterBuilder warehouse(String uri) {
    Objects.requireNonNull(uri, "uri");
    if (uri.isBlank()) {
      throw new IllegalArgumentException("warehouse must not be blank");
    }
    checkUnset(warehouse, "warehouse");
    warehouse = uri;
    return this;
  }

  /** A local warehouse directory. */
  public PaimonWriterBuilder warehouse(Path directory) {
    return warehouse(directory.toAbsolutePath().toUri().toString());
  }

  /** Paimon database for targets and staging tables; default {@code tributary}. */
  public PaimonWriterBuilder database(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("database must not be blank");
    }
    checkUnset(database, "database");
    database = name;
    return this;
  }

  /**
   * Fixed bucket count of new tables (default 4); existing tables keep theirs. Paimon primary-key tables written
   * from plain Java need a fixed count: dynamic bucket modes need an engine's assigner or compaction.
   */
  public PaimonWriterBuilder buckets(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("buckets must be >= 1, got " + count);
    }
    checkUnset(buckets, "buckets");
    buckets = count;
    return this;
  }

  /** Data file format of new tables: parquet (default), orc or avro. */
  public PaimonWriterBuilder fileFormat(String format) {
    Objects.requireNonNull(format, "format");
    if (!Set.of("parquet", "orc", "avro").contains(format)) {
      throw new IllegalArgumentException("file format must be parquet, orc or avro, got " + format);
    }
    checkUnset(fileFormat, "fileFormat");
    fileFormat = format;
    return this;
  }

  /**
   * Paimon commit user; default {@code tributary-<pipeline name>}. It must stay the same across restarts of a
   * pipeline, since exactly-once recovery looks up this user's last committed checkpoint, and differ between
   * pipelines writing one database.
   */
  public PaimonWriterBuilder commitUser(String user) {
    Objects.requireNonNull(user, "user");
    checkUnset(commitUser, "commitUser");
    commitUser = user;
    return this;
  }

  /** A Paimon table option for new tables (e.g. {@code snapshot.time-retained}); not the reserved ones. */
  public PaimonWriterBuilder tableOption(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (RESERVED.contains(key)) {
      throw new IllegalArgumentException("table option " + key + " is set by the writer; use the builder method"
          + " instead (buckets, fileFormat) or leave it");
    }
    tableOptions.put(key, value);
    return this;
  }

  /** A catalog option, e.g. object-store credentials ({@code s3.access-key}) or {@code fs.*} settings. */
  public PaimonWriterBuilder catalogOption(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.equals("warehouse")) {
      throw new IllegalArgumentException("use warehouse(...) to set the warehouse");
    }
    catalogOptions.put(key, value);
    return this;
  }

  /** Largest encoded primary key in bytes (default 128); larger keys stop the table with a clear reason. */
  public PaimonWriterBuilder maxPrimaryKeyBytes(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("maxPrimaryKeyBytes must be >= 1, got " + bytes);
    }
    checkUnset(maxPrimaryKeyBytes, "maxPrimaryKeyBytes");
    maxPrimaryKeyBytes = bytes;
    return this;
  }

  /** Largest string (UTF-8) or binary field in bytes (default 10 MB). */
  public PaimonWriterBuilder maxFieldBytes(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("maxFieldBytes must be >= 1, got " + bytes);
    }
    checkUnset(maxFieldBytes, "maxFieldBytes");
    maxFieldBytes = bytes;
    return this;
  }

  /**
   * Most rows per table and checkpoint interval the writer remembers (by reference, rows are not copied) so that a
   * scoped delete or merge sees uncommitted writes, which Paimon cannot read (default 1,000,000). Beyond it, a
   * scoped operation on that table in the same interval fails and asks for a checkpoint first. It bounds the memory
   * the writer keeps alive per table between checkpoints.
   */
  public PaimonWriterBuilder maxTrackedRows(int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("maxTrackedRows must be >= 0, got " + rows);
    }
    checkUnset(maxTrackedRows, "maxTrackedRows");
    maxTrackedRows = rows;
    return this;
  }

  /**
   * Attempts of an idempotent storage operation before it fails as retriable (default 3; each attempt includes
   * Paimon's own commit retries), and the first backoff (default 200 ms, doubling).
   */
  public PaimonWriterBuilder retry(int attempts, Duration firstBackoff) {
    if (attempts < 1) {
      throw new IllegalArgumentException("retry attempts must be >= 1, got " + attempts);
    }
    Objects.requireNonNull(firstBackoff, "firstBackoff");
    if (firstBackoff.isNegative()) {
      throw new IllegalArgumentException("backoff must not be negative, got " + firstBackoff);
    }
    retryAttempts = attempts;
    retryBackoff = firstBackoff;
    return this;
  }

  /**
   * Heap for the write buffers of all tables together (default 256 MB): when it is full, Paimon flushes or spills
   * the largest buffer, so memory stays bounded however many tables the pipeline writes. 0 gives each table its own
   * buffer of {@code write-buffer-size} instead.
   */
  public PaimonWriterBuilder writeBufferBytes(long bytes) {
    if (bytes != 0 && bytes < 1024 * 1024) {
      throw new IllegalArgumentException("writeBufferBytes must be 0 or at least 1 MB, got " + bytes);
    }
    checkUnset(writeBufferBytes, "writeBufferBytes");
    writeBufferBytes = bytes;
    return this;
  }

  /**
   * How many of a table's snapshots Paimon keeps (default: an hour's, but at least 10 and at most 200). Paimon
   * expires the older ones at each commit, deleting the data and manifest files only they reference, so a table's
   * snapshot and file counts stay bounded however often the pipeline commits: at a 250 ms commit interval (up to
   * two snapshots a commit, the data and the compaction's) 200 snapshots are the last 25 to 50 seconds; at the
   * default 5 s interval, 8 to 16 minutes. A reader (a streaming query, time travel) needs the snapshot it reads to
   * be retained: raise the bounds for slow readers, or give them a Paimon consumer id. Sets the table options
   * {@code snapshot.time-retained}, {@code snapshot.num-retained.min} and {@code snapshot.num-retained.max} of new
   * tables.
   *
   * @param time snapshots younger than this are kept while there are at most {@code max}
   * @param min  kept whatever their age (at least 1)
   * @param max  kept at most, whatever their age (at least {@code min})
   */
  public PaimonWriterBuilder snapshotRetention(Duration time, int min, int max) {
    Objects.requireNonNull(time, "time");
    if (time.isNegative() || time.isZero()) {
      throw new IllegalArgumentException("snapshot retention time must be positive, got " + time);
    }
    if (min < 1 || max < min) {
      throw new IllegalArgumentException("snapshot retention needs 1 <= min <= max, got min " + min + ", max " + max);
    }
    checkUnset(snapshotRetainedTime, "snapshotRetention");
    snapshotRetainedTime = time;
    snapshotRetainedMin = min;
    snapshotRetainedMax = max;
    return this;
  }

  /** Local directory where Paimon spills write buffers; default {@code java.io.tmpdir}. */
  public PaimonWriterBuilder spillDirectory(Path directory) {
    spillDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath().toString();
    return this;
  }

  /** A new writer with this configuration; does no I/O. */
  public PaimonWriter build() {
    return new PaimonWriter(copy());
  }

  private PaimonWriterBuilder copy() {
    PaimonWriterBuilder c = new PaimonWriterBuilder();
    c.warehouse = warehouse;
    c.database = database;
    c.buckets = buckets;
    c.fileFormat = fileFormat;
    c.commitUser = commitUser;
    c.maxPrimaryKeyBytes = maxPrimaryKeyBytes;
    c.maxFieldBytes = maxFieldBytes;
    c.maxTrackedRows = maxTrackedRows;
    c.writeBufferBytes = writeBufferBytes;
    c.retryAttempts = retryAttempts;
    c.retryBackoff = retryBackoff;
    c.spillDirectory = spillDirectory;
    c.snapshotRetainedTime = snapshotRetainedTime;
    c.snapshotRetainedMin = snapshotRetainedMin;
    c.snapshotRetainedMax = snapshotRetainedMax;
    c.tableOptions.putAll(tableOptions);
    c.catalogOptions.putAll(catalogOptions);
    return c;
  }

  private static void checkUnset(Object current, String name) {
    if (current != null) {
      throw new IllegalStateException(name + " was already set to " + current);
    }
  }

  String warehouse() {
    return warehouse != null ? warehouse : Path.of("tributary-warehouse").toAbsolutePath().toUri().toString();
  }

  String database() {
    return database != null ? database : "tributary";
  }

  String commitUser() {
    return commitUser;
  }

  long maxPrimaryKeyBytes() {
    return maxPrimaryKeyBytes != null ? maxPrimaryKeyBytes : 128;
  }

  long maxFieldBytes() {
    return maxFieldBytes != null ? maxFieldBytes : 10L * 1024 * 1024;
  }

  long writeBufferBytes() {
    return writeBufferBytes != null ? writeBufferBytes : 256L * 1024 * 1024;
  }

  /** Parquet row-group size of the tables the writer creates (Parquet's default: 128 MB). */
  static final long PARQUET_ROW_GROUP_BYTES = 8L * 1024 * 1024;

  int maxTrackedRows() {
    return maxTrackedRows != null ? maxTrackedRows : 1_000_000;
  }

  int retryAttempts() {
    return retryAttempts;
  }

  Duration retryBackoff() {
    return retryBackoff;
  }

  String spillDirectory() {
    return spillDirectory;
  }

  Map<String, String> catalogOptions() {
    return catalogOptions;
  }

  /** The options every new table gets: the CDC defaults, then the user's overrides, then the writer's own. */
  Map<String, String> effectiveTableOptions() {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("snapshot.time-retained", snapshotRetainedTime == null ? "1 h" : snapshotRetainedTime.toMillis() + " ms");
    o.put("snapshot.num-retained.min", String.valueOf(snapshotRetainedMin));
    o.put("snapshot.num-retained.max", String.valueOf(snapshotRetainedMax));
    o.put("write-buffer-size", "64 mb");
    o.put("write-buffer-spillable", "true");
    // Parquet keeps a whole row group in memory, both writing (its compressed pages until the group closes) and
    // reading (every column chunk of the group): with Parquet's 128 MB a compaction's heap grew with the table up to
    // ~128 MB per open file (the full sync's hand-over compaction of a 4M-row table read and wrote ~10 MB column
    // chunks). 8 MB bounds it by this setting instead; see docs/design.md, "Memory: bounded by settings".
    o.put("parquet.block.size", String.valueOf(PARQUET_ROW_GROUP_BYTES));
    o.putAll(tableOptions);
    o.put("bucket", String.valueOf(buckets != null ? buckets : 4));
    o.put("file.format", fileFormat != null ? fileFormat : "parquet");
    o.put("merge-engine", "deduplicate");
    return o;
  }

  /** The table options new tables get (for a baseline that must match them, e.g. a benchmark). */
  public Map<String, String> tableOptions() {
    return Map.copyOf(effectiveTableOptions());
  }
}
