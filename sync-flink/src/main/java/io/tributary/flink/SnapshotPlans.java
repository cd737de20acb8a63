package io.tributary.flink;

import io.tributary.sync.event.RowFilter;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.internal.ValueCodec;
import io.tributary.sync.spi.SnapshotChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.operators.coordination.OperatorEventGateway;

/**
 * The decision operator's side of snapshots planned while the job runs (a table added on a restore, a re-sync, a
 * catch-up, a resume): the decider's plan requests go to the split enumerator (through {@link PlanCoordinator}),
 * which plans the chunks, turns them into splits and answers with the chunk list. Each plan has a number (0: the
 * fresh start's; otherwise drawn at random, because a restore that Flink does region by region rewinds this
 * operator but not the enumerator, which must never see a number again for another plan), carried by its splits and
 * their items, so items of a table's older plan are told apart (dropped)
 * and items of a plan whose answer has not arrived yet are held until it has (the decider must know the chunks
 * before their rows). Its state (numbers, requests in flight, held items, applied command ids) is the operator's
 * Flink state; requests in flight are asked again after a restore (the enumerator answers a plan it already made
 * with the same chunks). Chunk re-reads (a layout change during a table's sync) take the same route: each has an id
 * the enumerator remembers, stays in this state until the enumerator's checkpoint is sure to hold its split, and is
 * sent again after a restore.
 */
final class SnapshotPlans {

  /** How many applied command ids are remembered (a replayed command older than these would run again). */
  private static final int COMMAND_IDS = 10_000;

  private final OperatorEventGateway gateway;
  /** Each table's current plan (absent: 0, the fresh start's). */
  private final Map<TableId, Long> current = new HashMap<>();
  /** Requests sent and not yet answered, per table. */
  private final Map<TableId, PlanMessages.Request> outstanding = new LinkedHashMap<>();
  /** Items of an outstanding plan, held until its answer. */
  private final Map<Long, List<byte[]>> held = new HashMap<>();
  private final LinkedHashSet<String> commands = new LinkedHashSet<>();
  /** Chunk re-reads sent and not yet acknowledged by the enumerator, by id. */
  private final Map<Long, PlanMessages.Reread> rereads = new LinkedHashMap<>();
  /**
   * Re-reads acknowledged since the last snapshot of this state. They stay in that snapshot: the enumerator may have
   * added the split after its own snapshot of the same checkpoint (coordinators are checkpointed first), and only
   * its next one is sure to hold it.
   */
  private final Map<Long, PlanMessages.Reread> acknowledged = new LinkedHashMap<>();

  SnapshotPlans(OperatorEventGateway gateway) {
    this.gateway = gateway;
  }

  /**
   * The decider asks for {@code table}'s chunks: a new plan, unless the same one is in flight for it (asked again
   * after a restore); one in flight with other terms (a catch-up's filter, then a re-sync's) is superseded.
   */
  void request(int sourceIndex, TableId table, TableSchema schema, RowFilter filter, int priority) {
    PlanMessages.Request before = outstanding.get(table);
    boolean same = before != null && before.sourceIndex() == sourceIndex && before.schema().equals(schema)
        && java.util.Objects.equals(before.filter(), filter);
    if (before != null && !same) {
      held.remove(before.plan());
    }
    long plan = same ? before.plan()
        : java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    PlanMessages.Request r = new PlanMessages.Request(plan, sourceIndex, table, schema, filter, priority);
    outstanding.put(table, r);
    current.put(table, plan); // items of the table's earlier plan are stale from now on
    gateway.sendEventToCoordinator(PlanMessages.encode(r));
  }

  /** After a restore: requests in flight are asked again (their answers may have been lost). */
  void askAgain() {
    outstanding.values().forEach(r -> gateway.sendEventToCoordinator(PlanMessages.encode(r)));
    rereads.values().forEach(r -> gateway.sendEventToCoordinator(PlanMessages.encode(r)));
  }

  /**
   * The decider reads {@code chunk} again with {@code schema} (a layout change during the table's sync): the
   * enumerator adds it as a split of the table's current plan, so its items reach the decider as any read's.
   */
  void reread(int sourceIndex, SnapshotChunk chunk, TableSchema schema, int priority) {
    PlanMessages.Reread r = new PlanMessages.Reread(
        java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
        current.getOrDefault(chunk.table(), 0L), sourceIndex, chunk, schema, priority);
    rereads.put(r.id(), r);
    gateway.sendEventToCoordinator(PlanMessages.encode(r));
  }

  /** Queued chunks of {@code table} are read with {@code schema} (saves re-reading them after their read). */
  void reschema(TableId table, TableSchema schema) {
    gateway.sendEventToCoordinator(PlanMessages.encode(
        new PlanMessages.Reschema(table, current.getOrDefault(table, 0L), schema)));
  }

  /** The enumerator holds re-read {@code id} as a split. */
  void rereadAdded(long id) {
    PlanMessages.Reread r = rereads.remove(id);
    if (r != null) {
      acknowledged.put(id, r);
    }
  }


  void prioritize(TableId table) {
    gateway.sendEventToCoordinator(PlanMessages.encode(new PlanMessages.Prioritize(table)));
  }

  void cancel(TableId table) {
    gateway.sendEventToCoordinator(PlanMessages.encode(new PlanMessages.Cancel(table)));
  }

  /** The enumerator's answer; null when stale (an older plan, or asked again and answered already). */
  PlanMessages.Answer answered(PlanMessages.Answer a) {
    PlanMessages.Request r = outstanding.get(a.table());
    if (r == null || r.plan() != a.plan()) {
      return null;
    }
    outstanding.remove(a.table());
    return a;
  }

  /** Items of plan {@code plan} held until its answer, now to be applied (in order). */
  List<byte[]> release(long plan) {
    List<byte[]> items = held.remove(plan);
    return items == null ? List.of() : items;
  }

  /**
   * Whether a chunk item of {@code table}'s plan {@code plan} is applied now: not when the plan's answer is still
   * due (then it is held), nor when the plan is stale (the returned generation is then one the decider drops).
   */
  boolean hold(TableId table, long plan, byte[] item) {
    PlanMessages.Request r = outstanding.get(table);
    if (r != null && r.plan() == plan) {
      held.computeIfAbsent(plan, p -> new ArrayList<>()).add(item);
      return true;
    }
    return false;
  }

  /** The decider's generation for an item of {@code table}'s plan {@code plan}: {@code now}, or -2 when stale. */
  long generation(TableId table, long plan, long now) {
    return current.getOrDefault(table, 0L) == plan ? now : -2;
  }

  /** Whether command {@code id} is new (and remembers it). */
  boolean firstTime(String id) {
    if (!commands.add(id)) {
      return false;
    }
    if (commands.size() > COMMAND_IDS) {
      Iterator<String> it = commands.iterator();
      it.next();
      it.remove();
    }
    return true;
  }

  // ---------------------------------------------------------------- state

  byte[] encode() {
    return Bytes.of(out -> {
      out.writeByte(2);
      out.writeInt(current.size());
      for (Map.Entry<TableId, Long> e : current.entrySet()) {
        ValueCodec.writeTableId(out, e.getKey());
        out.writeLong(e.getValue());
      }
      out.writeInt(outstanding.size());
      for (PlanMessages.Request r : outstanding.values()) {
        ValueCodec.writeBytes(out, PlanMessages.encode(r).bytes());
      }
      out.writeInt(held.size());
      for (Map.Entry<Long, List<byte[]>> e : held.entrySet()) {
        out.writeLong(e.getKey());
        out.writeInt(e.getValue().size());
        for (byte[] b : e.getValue()) {
          ValueCodec.writeBytes(out, b);
        }
      }
      out.writeInt(commands.size());
      for (String c : commands) {
        out.writeUTF(c);
      }
      out.writeInt(rereads.size() + acknowledged.size());
      for (PlanMessages.Reread r : rereads.values()) {
        ValueCodec.writeBytes(out, PlanMessages.encode(r).bytes());
      }
      for (PlanMessages.Reread r : acknowledged.values()) {
        ValueCodec.writeBytes(out, PlanMessages.encode(r).bytes());
      }
    });
  }

  /** This state was snapshotted ({@link #encode}): re-reads acknowledged before are in the enumerator's next one. */
  void snapshotTaken() {
    acknowledged.clear();
  }

  void restore(byte[] state) {
    Bytes.read(state, in -> {
      byte v = in.readByte();
      if (v != 1 && v != 2) {
        throw new IOException("Tributary snapshot plans state of version " + v + ", this build reads 1 and 2");
      }
      for (int i = in.readInt(); i > 0; i--) {
        current.put(ValueCodec.readTableId(in), in.readLong());
      }
      for (int i = in.readInt(); i > 0; i--) {
        PlanMessages.Request r = (PlanMessages.Request) PlanMessages.decode(
            new PlanMessages.Event(ValueCodec.readBytes(in)));
        outstanding.put(r.table(), r);
      }
      for (int i = in.readInt(); i > 0; i--) {
        long plan = in.readLong();
        List<byte[]> items = new ArrayList<>();
        for (int j = in.readInt(); j > 0; j--) {
          items.add(ValueCodec.readBytes(in));
        }
        held.put(plan, items);
      }
      for (int i = in.readInt(); i > 0; i--) {
        commands.add(in.readUTF());
      }
      for (int i = v < 2 ? 0 : in.readInt(); i > 0; i--) {
        PlanMessages.Reread r = (PlanMessages.Reread) PlanMessages.decode(
            new PlanMessages.Event(ValueCodec.readBytes(in)));
        rereads.put(r.id(), r);
      }
      return null;
    });
  }
}
