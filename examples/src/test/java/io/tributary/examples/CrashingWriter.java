package io.tributary.examples;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.spi.ChangeWriter;
import io.tributary.sync.spi.ForwardingChangeWriter;
import io.tributary.sync.spi.RowBatch;
import io.tributary.sync.spi.TargetTable;
import io.tributary.sync.spi.WriterContext;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A writer that dies at a named call, as a killed process would: the call its {@link CrashPoint} picks throws
 * (before or after the target ran it), and from then on every call that would reach the target throws too. The
 * restarted pipeline gets a fresh writer on the same warehouse. Reads ({@code scan}, the last committed checkpoint)
 * and {@code close} still pass, so the dying pipeline can shut down.
 */
final class CrashingWriter extends ForwardingChangeWriter {

  /** The calls of the writer SPI a crash can be placed at. */
  enum Method {
    OPEN, ENSURE_TABLE, WRITE, WRITE_STAGING, MERGE_STAGING, DROP_STAGING, DELETE_WHERE, PREPARE_COMMIT, COMMIT
  }

  /** One call as a {@link CrashPoint} sees it: for {@code ENSURE_TABLE} its table and renames, else null and empty. */
  record Call(Method method, TargetTable table, Map<String, String> renamedFrom) {

    Call(Method method) {
      this(method, null, Map.of());
    }
  }

  /** What a call does: reach the target, or die before it reached it, or die right after it did. */
  enum Outcome {
    PASS, DIE_BEFORE, DIE_AFTER
  }

  /** Picks the call the process dies at; asked at every call until it dies (it may keep state across calls). */
  @FunctionalInterface
  interface CrashPoint {

    Outcome at(Call call);

    /** Dies before the target runs a {@code method} call that {@code when} accepts. */
    static CrashPoint before(Method method, Predicate<Call> when) {
      return call -> call.method() == method && when.test(call) ? Outcome.DIE_BEFORE : Outcome.PASS;
    }

    /** Dies right after the target ran a {@code method} call that {@code when} accepts. */
    static CrashPoint after(Method method, Predicate<Call> when) {
      return call -> call.method() == method && when.test(call) ? Outcome.DIE_AFTER : Outcome.PASS;
    }
  }

  private final String name;
  private final CrashPoint point;
  private volatile boolean crashed;

  /** {@code name} goes into the crash's message. */
  CrashingWriter(ChangeWriter delegate, String name, CrashPoint point) {
    super(delegate);
    this.name = Objects.requireNonNull(name, "name");
    this.point = Objects.requireNonNull(point, "point");
  }

  /** Whether the process died. */
  boolean crashed() {
    return crashed;
  }

  private <T> T call(Call call, Supplier<T> target) {
    if (crashed) {
      throw new IllegalStateException("simulated crash: the process is dead");
    }
    Outcome outcome = point.at(call);
    if (outcome == Outcome.DIE_BEFORE) {
      throw crash();
    }
    T result = target.get();
    if (outcome == Outcome.DIE_AFTER) {
      throw crash();
    }
    return result;
  }

  private void run(Call call, Runnable target) {
    call(call, () -> {
      target.run();
      return null;
    });
  }

  private IllegalStateException crash() {
    crashed = true;
    return new IllegalStateException("simulated crash " + name);
  }

  @Override
  public void open(WriterContext context) {
    run(new Call(Method.OPEN), () -> super.open(context));
  }

  @Override
  public void ensureTable(TargetTable table) {
    run(new Call(Method.ENSURE_TABLE, table, Map.of()), () -> super.ensureTable(table));
  }

  @Override
  public void ensureTable(TargetTable table, Map<String, String> renamedFrom) {
    run(new Call(Method.ENSURE_TABLE, table, renamedFrom), () -> super.ensureTable(table, renamedFrom));
  }

  @Override
  public void write(String target, RowBatch batch) {
    run(new Call(Method.WRITE), () -> super.write(target, batch));
  }

  @Override
  public void writeStaging(String target, String staging, RowBatch batch) {
    run(new Call(Method.WRITE_STAGING), () -> super.writeStaging(target, staging, batch));
  }

  @Override
  public void mergeStaging(String target, String staging, RowFilter replaceScope) {
    run(new Call(Method.MERGE_STAGING), () -> super.mergeStaging(target, staging, replaceScope));
  }

  @Override
  public void dropStaging(String target, String staging) {
    run(new Call(Method.DROP_STAGING), () -> super.dropStaging(target, staging));
  }

  @Override
  public void deleteWhere(String target, RowFilter filter) {
    run(new Call(Method.DELETE_WHERE), () -> super.deleteWhere(target, filter));
  }

  @Override
  public byte[] prepareCommit(long checkpointId) {
    return call(new Call(Method.PREPARE_COMMIT), () -> super.prepareCommit(checkpointId));
  }

  @Override
  public void commit(long checkpointId, byte[] committable) {
    run(new Call(Method.COMMIT), () -> super.commit(checkpointId, committable));
  }
}
