package io.tributary.flink;

import io.tributary.sync.ErrorCode;
import io.tributary.sync.SyncException;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.runtime.state.StateInitializationContext;

/**
 * Guards the writer subtasks' identity across restores. Subtask {@code k} writes as pipeline {@code <name>-w<k>}:
 * its Paimon commit user, its staging tables and the ownership of the targets keyed to it derive from that name,
 * and its pending committable can only be re-committed by a writer of that name. A restore at another writer
 * parallelism would key targets to other subtasks (writing tables owned by another name, merging staging another
 * subtask wrote) and hand Flink's redistributed committables to the wrong writers, some never re-committed: rows
 * lost silently. So every subtask records (its index, the parallelism) in union state, and a restore that sees a
 * different parallelism fails with {@link ErrorCode#RUNNER_UNSUPPORTED}, naming the parallelism to restore with.
 */
final class WriterIdentity {

  private final ListState<byte[]> state;
  private final int subtask;
  private final int parallelism;

  private WriterIdentity(ListState<byte[]> state, int subtask, int parallelism) {
    this.state = state;
    this.subtask = subtask;
    this.parallelism = parallelism;
  }

  /**
   * Reads the identities a restored state holds (none on a fresh start, or from a state written before this
   * guard) and refuses a changed parallelism.
   *
   * @throws SyncException ({@code RUNNER_UNSUPPORTED}) when the writers ran at another parallelism before
   */
  static WriterIdentity restore(StateInitializationContext context, String pipeline, int subtask, int parallelism)
      throws Exception {
    ListState<byte[]> state = context.getOperatorStateStore().getUnionListState(
        new ListStateDescriptor<>("tributary-writer-identity", BytePrimitiveArraySerializer.INSTANCE));
    if (context.isRestored()) {
      for (byte[] b : state.get()) {
        int before = Bytes.read(b, in -> {
          in.readInt(); // the subtask index (kept for diagnosis)
          return in.readInt();
        });
        if (before != parallelism) {
          throw SyncException.of(ErrorCode.RUNNER_UNSUPPORTED, "the writer parallelism of Tributary job '"
              + pipeline + "' changed across a restore, from " + before + " to " + parallelism + ": each writer"
              + " subtask k writes as '" + pipeline + "-w<k>' (its commit user, its staging tables, the targets it"
              + " owns, its pending commit), so writers cannot be rescaled; restore with writerParallelism("
              + before + ") (and the same max parallelism), or start a fresh job under a new name", null);
        }
      }
    }
    return new WriterIdentity(state, subtask, parallelism);
  }

  /** Records this subtask's identity in the checkpoint being taken. */
  void snapshot() throws Exception {
    state.update(List.of(Bytes.of(out -> {
      out.writeInt(subtask);
      out.writeInt(parallelism);
    })));
  }
}
