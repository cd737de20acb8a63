package io.tributary.flink;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.operators.coordination.OperatorCoordinator;
import org.apache.flink.runtime.operators.coordination.OperatorEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision operator's coordinator: carries its snapshot plan requests to the split enumerator, which owns the
 * chunk splits, and the enumerator's plans back. Both coordinators live in the JobManager, so they meet in a
 * registry keyed by the job's build ({@link TributaryFlink#build} draws the key). Stateless: what is in flight is
 * the decision operator's state (it asks again after a restore) and the enumerator's (it answers a plan it already
 * made with the same chunks).
 */
final class PlanCoordinator implements OperatorCoordinator {

  private static final Logger LOG = LoggerFactory.getLogger(PlanCoordinator.class);
  /** The live enumerator of each job build (replaced when Flink resets it). */
  private static final Map<String, ChunkEnumerator> ENUMERATORS = new ConcurrentHashMap<>();

  private final String key;
  private final Context context;
  private volatile SubtaskGateway gateway;

  private PlanCoordinator(String key, Context context) {
    this.key = key;
    this.context = context;
  }

  static void register(String key, ChunkEnumerator enumerator) {
    if (key != null) {
      ENUMERATORS.put(key, enumerator);
    }
  }

  static void unregister(String key, ChunkEnumerator enumerator) {
    if (key != null) {
      ENUMERATORS.remove(key, enumerator);
    }
  }

  @Override
  public void start() {
  }

  @Override
  public void close() {
  }

  @Override
  public void handleEventFromOperator(int subtask, int attemptNumber, OperatorEvent event) {
    Object message = PlanMessages.decode(event);
    ChunkEnumerator enumerator = ENUMERATORS.get(key);
    if (enumerator == null) {
      // Only while Flink resets the source's coordinator, i.e. a global restore: the operator asks again then.
      context.failJob(new IllegalStateException("the Tributary split enumerator is not running; " + message
          + " is asked again after the restore"));
      return;
    }
    enumerator.fromDecider(message, this::send);
  }

  private void send(Object answer) {
    SubtaskGateway g = gateway;
    if (g == null) {
      LOG.info("decision operator not ready for {}: it asks again after its restore", answer);
      return;
    }
    g.sendEvent(PlanMessages.encode(answer));
  }

  @Override
  public void checkpointCoordinator(long checkpointId, CompletableFuture<byte[]> result) {
    result.complete(new byte[0]);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
  }

  @Override
  public void resetToCheckpoint(long checkpointId, byte[] checkpointData) {
  }

  @Override
  public void subtaskReset(int subtask, long checkpointId) {
  }

  @Override
  public void executionAttemptFailed(int subtask, int attemptNumber, Throwable reason) {
    gateway = null;
  }

  @Override
  public void executionAttemptReady(int subtask, int attemptNumber, SubtaskGateway gateway) {
    this.gateway = gateway;
  }

  /** Creates the coordinator of the decision operator {@code id}. */
  static final class Provider implements OperatorCoordinator.Provider {
    private static final long serialVersionUID = 1L;
    private final OperatorID id;
    private final String key;

    Provider(OperatorID id, String key) {
      this.id = id;
      this.key = key;
    }

    @Override
    public OperatorID getOperatorId() {
      return id;
    }

    @Override
    public OperatorCoordinator create(Context context) {
      return new PlanCoordinator(key, context);
    }
  }
}
