package io.tributary.sync.internal;

import io.tributary.sync.event.SourcePosition;
import java.util.List;

/**
 * What the {@link Decider} is told: everything it learns arrives as one of these, in order, and it answers with
 * {@link Effect}s. Readers' items ({@link WorkItem}) are inputs as they are, so the hot path allocates nothing to
 * wrap them. Time arrives as data ({@link Tick}), never from a clock read inside the decider.
 */
sealed interface Input permits WorkItem, Input.Start, Input.LogsOpened, Input.Tick, Input.TableEnsured,
    Input.CheckpointCommitted, Input.WritesRefused {

  /** The run starts: plan every target (the decider answers with {@link Effect.EnsureTable}s, one at a time). */
  record Start(long nowMillis) implements Input {
  }

  /**
   * Every source's log is open: where each starts, which sources lost their checkpoint position (their tables are
   * re-synced), and when (monotonic nanos) the runtime opened them, which dates the idle marks until a heartbeat.
   */
  record LogsOpened(List<SourcePosition> starts, List<LostPositionRecovery.Lost> lost, long openedNanos)
      implements Input {
  }

  /** The clock moved: reasons to commit that fall due are wanted, and a cut is taken where it may be. */
  record Tick(long nowMillis) implements Input {
  }

  /** The answer to the last {@link Effect.EnsureTable}: null when the target now has the planned layout. */
  record TableEnsured(RuntimeException refusal) implements Input {
  }

  /**
   * Batches the writer refused whole in the last run with a table-stopping error (a value only the writer cannot
   * hold): their tables stop before this run writes anything ({@link RefusedBatches}).
   */
  record WritesRefused(List<RefusedBatches.Refusal> refusals) implements Input {
  }

  /** Checkpoint {@code id} was saved and committed at {@code atMillis}. */
  record CheckpointCommitted(long id, long atMillis) implements Input {
  }
}
