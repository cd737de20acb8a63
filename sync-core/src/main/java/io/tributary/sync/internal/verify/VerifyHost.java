package io.tributary.sync.internal.verify;

import io.tributary.sync.PipelineStatus;
import io.tributary.sync.SyncEvent;
import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.internal.VerifyView;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.CheckpointStore;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * What verification uses of its pipeline: the narrow waist between it and the engine, so verification stays out of
 * the engine's internals (one sink-thread query, the published status, the catch-up operation, events). Public for
 * the Flink runner, whose decision operator hosts verifications of its job ({@link Verifier#Verifier(VerifyHost,
 * java.util.concurrent.ThreadFactory)}).
 */
public interface VerifyHost {

  String pipeline();

  /** The table's route, phase and scope, read on the sink thread; fails when the pipeline is not running. */
  VerifyView view(TableId table) throws InterruptedException;

  /** The published status (cheap, never blocks on the pipeline). */
  PipelineStatus status();

  /** The pipeline's writer, for {@link ChangeWriter#scan}. */
  ChangeWriter writer();

  /** Where verification keeps its progress, beside the pipeline's checkpoint. */
  CheckpointStore store();

  int defaultChunkSize();

  Clock clock();

  void emit(SyncEvent event);

  /** The watch on the pipeline's source logs. */
  ChangeWatch watch();

  /** The pipeline's catch-up operation ({@code SyncPipeline.catchUp}). */
  CompletableFuture<Void> catchUp(TableId table, RowFilter filter);
}
