package io.tributary.flink;

import io.tributary.sync.SyncPipeline;
import java.io.Serializable;

/**
 * A pipeline definition Flink can ship: configures a {@link SyncPipeline.Builder} (name, sources, mode, tables, full
 * sync, writer, limits) exactly as an embedded pipeline's. Every task calls it to build its own sources and writer,
 * so it must capture only serializable values (host names, paths as strings), never a built source or writer.
 */
@FunctionalInterface
public interface Definition extends Serializable {

  SyncPipeline.Builder configure(SyncPipeline.Builder builder);
}
