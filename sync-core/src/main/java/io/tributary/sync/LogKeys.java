package io.tributary.sync;

/**
 * The SLF4J MDC keys on Tributary's log lines, for a host's log pattern or JSON encoder (Logback:
 * {@code %X{tributary.pipeline}}). Every thread a pipeline starts, including its sources' connector threads,
 * carries {@link #PIPELINE}; threads working for one source carry {@link #SOURCE}; snapshot work for one table
 * carries {@link #TABLE} while it runs.
 */
public final class LogKeys {

  /** The pipeline's name ({@code SyncPipeline.builder().name(...)}). */
  public static final String PIPELINE = "tributary.pipeline";
  /** The source's name ({@code ChangeSource.name()}). */
  public static final String SOURCE = "tributary.source";
  /** The table, as {@code TableId.toString()}. */
  public static final String TABLE = "tributary.table";

  private LogKeys() {
  }
}
