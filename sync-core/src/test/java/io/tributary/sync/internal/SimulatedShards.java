package io.tributary.sync.internal;

import io.tributary.sync.ExtendedField;
import io.tributary.sync.SyncMode;
import io.tributary.sync.TableSelector;
import io.tributary.sync.VirtualTable;
import io.tributary.sync.event.DataType;
import io.tributary.sync.event.TableId;
import io.tributary.sync.event.TableSchema;
import io.tributary.sync.spi.ChangeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The scenario's shape, drawn from the seed, over one or more {@link SimulatedSource}s: mirror mode over one source
 * (each table its own target), or merge mode over 1-3 sources whose shards gather into 1-2 virtual tables, with
 * heterogeneous columns (an extra {@code w} that is INT in some shards and BIGINT in others, a shard's own column),
 * a random set of extended fields, optionally in the primary key. Which tables each run selects is {@link
 * SimulatedSelection}'s (drawn from the same stream); changes logged during a run's discovery, {@link
 * DiscoveryWindow}'s.
 *
 * <p>Keys: when the extended fields in the key tell every shard of a target apart, shards draw the same key values
 * (equal keys must not overwrite each other); otherwise a key names its shard ({@code n * 16 + shard}), since shards
 * whose rows share a target key would overwrite each other by design.
 */
final class SimulatedShards {

  /** Whether merge scenarios are drawn ({@code -Dtributary.sim.merge=false}: mirror mode only). */
  static final boolean MERGE = Boolean.parseBoolean(System.getProperty("tributary.sim.merge", "true"));
  /**
   * Whether a column is added or dropped at a table re-syncing into a merge target that cannot tell its shards apart:
   * off by default, the documented upsert gap (design.md "Members that join or leave a virtual table"; {@link
   * #commandAllowed}). The change restarts the re-sync, which drops its staging area and with it the deletes staged
   * meanwhile; the restarted sync's upsert merge (no replace scope there) cannot delete those rows, so they stay
   * (seed 13376303: extra [226, 15, null, null, d0] after s1's re-sync restarted by ADD COLUMN c1). Not a case the
   * engine can mend without identifying fields.
   */
  static final boolean UPSERT_RESYNC_ALTER = Boolean.getBoolean("tributary.sim.upsertResyncAlter");
  private final Random rnd;
  private final Consumer<Object> trace;
  final List<SimulatedSource> sources = new ArrayList<>();
  final SyncMode mode;
  final List<VirtualTable> virtualTables = new ArrayList<>();
  final List<ExtendedField> fields = new ArrayList<>();
  final boolean inKey;
  final boolean heterogeneous;
  /** Per table: its target, its shard number (keys name it), its source's index. */
  private final Map<TableId, String> targetOf = new LinkedHashMap<>();
  private final Map<TableId, Integer> shardOf = new HashMap<>();
  private final Map<TableId, Integer> sourceOf = new HashMap<>();
  private final List<TableId> all = new ArrayList<>();
  /** Per target: whether its extended fields tell its members apart (a sync may then replace a member's rows). */
  private final Map<String, Boolean> identifying = new HashMap<>();
  /** Which tables each run selects (see {@link SimulatedSelection}). */
  private final SimulatedSelection selection;
  private final Map<TableId, Long> nextKey = new HashMap<>();

  /** The scenario's random stream (for the sources' data). */
  private final Random data;
  /** Changes logged during a resumed run's discovery (the pipeline sees the sources through it). */
  final DiscoveryWindow window;

  SimulatedShards(Random scenario, Consumer<Object> trace) {
    // Its own stream, well mixed: the first draws of Randoms seeded with consecutive seeds are alike (the first
    // boolean is the same for runs of about 5,600 seeds), and the test runs consecutive seeds.
    long mixed = new java.util.SplittableRandom(scenario.nextLong()).nextLong();
    this.rnd = new Random(mixed);
    this.data = scenario;
    this.trace = trace;
    boolean merge = MERGE && rnd.nextBoolean();
    mode = merge ? SyncMode.MERGE : SyncMode.MIRROR;
    if (!merge) {
      sources.add(new SimulatedSource(data, trace));
      for (TableId t : sources.get(0).ids()) {
        register(t, t.table(), 0);
      }
      inKey = false;
      heterogeneous = false;
    } else {
      inKey = rnd.nextBoolean();
      heterogeneous = rnd.nextBoolean();
      for (ExtendedField f : ExtendedField.values()) {
        if (rnd.nextInt(3) == 0) {
          fields.add(f);
        }
      }
      java.util.Collections.shuffle(fields, rnd);
      int virtuals = 1 + rnd.nextInt(2);
      for (int v = 0; v < virtuals; v++) {
        virtualTables.add(VirtualTable.of("v" + v, TableSelector.of(".*", "v" + v + "_.*")));
      }
      buildMergeSources(virtuals);
    }
    for (String target : targets()) {
      identifying.put(target, !merge || apart(members(target)));
    }
    selection = new SimulatedSelection(this, rnd, trace);
    // its own stream, drawn from no other: with it off (or never firing) a seed replays as before it existed
    window = new DiscoveryWindow(sources, this::sourceIndex, new Random(mixed ^ 0x9E3779B97F4A7C15L),
        t -> !UPSERT_RESYNC_ALTER && merge() && !identifying(targetOf.get(t)),
        Boolean.parseBoolean(System.getProperty("tributary.sim.schemaChanges", "true")));
    trace.accept("shape: " + mode + " targets " + new LinkedHashMap<>(targetOf) + " fields " + fields + " inKey "
        + inKey + " heterogeneous " + heterogeneous + " identifying " + identifying + " excluded "
        + selection.excluded());
  }

  private void buildMergeSources(int virtuals) {
    int n = 1 + rnd.nextInt(3);
    int shard = 0;
    List<List<TableSchema>> layouts = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      String source = "s" + s;
      String database = "d" + rnd.nextInt(2);
      List<TableSchema> tables = new ArrayList<>();
      int count = 1 + rnd.nextInt(2);
      for (int i = 0; i < count; i++) {
        int v = s == 0 && i == 0 ? 0 : rnd.nextInt(virtuals);
        TableId id = TableId.of(source, database, "app", "v" + v + "_" + (char) ('a' + i));
        TableSchema.Builder b = TableSchema.builder(id).primaryKey("id", DataType.bigint())
            .column("v", DataType.bigint());
        if (heterogeneous && rnd.nextBoolean()) {
          b.column("w", rnd.nextBoolean() ? DataType.intType() : DataType.bigint());
        }
        if (heterogeneous && rnd.nextInt(3) == 0) {
          b.column("x" + shard, DataType.bigint());
        }
        tables.add(b.build());
        register(id, "v" + v, s);
        shard++;
      }
      layouts.add(tables);
    }
    if (virtualTables.size() > 1 && members("v1").isEmpty()) {
      virtualTables.remove(1); // v0 always has source 0's first table
    }
    boolean shared = inKey && virtualTables.size() == 1 && apart(members("v0")) && rnd.nextBoolean();
    for (int s = 0; s < n; s++) {
      sources.add(new SimulatedSource("s" + s, data, trace, layouts.get(s),
          t -> shared ? nextKey.merge(t, 1L, Long::sum) : nextKey.merge(t, 1L, Long::sum) * 16 + shardOf.get(t),
          10)); // fewer rows than mirror tables: more tables share the steps their full syncs need
    }
  }

  /** Whether the extended fields tell every two of {@code members} apart (none: never, as a target's scope). */
  private boolean apart(List<TableId> members) {
    return !fields.isEmpty() && members.stream().allMatch(a -> members.stream()
        .allMatch(b -> a.equals(b) || fields.stream().anyMatch(f -> !f.valueOf(a).equals(f.valueOf(b)))));
  }

  private void register(TableId t, String target, int source) {
    targetOf.put(t, target);
    sourceOf.put(t, source);
    shardOf.putIfAbsent(t, all.size());
    all.add(t);
  }

  boolean merge() {
    return mode == SyncMode.MERGE;
  }

  /** The sources as the pipeline sees them (see {@link DiscoveryWindow}). */
  List<ChangeSource> changeSources() {
    return window.wrap();
  }

  ChangeSource changeSource(int i) {
    return sources.get(i).db.source();
  }

  SimulatedSource sourceOf(TableId t) {
    return sources.get(sourceOf.get(t));
  }

  int sourceIndex(TableId t) {
    return sourceOf.get(t);
  }

  List<TableId> tables() {
    return all;
  }

  String targetOf(TableId t) {
    return targetOf.get(t);
  }

  List<String> targets() {
    return new ArrayList<>(new LinkedHashSet<>(targetOf.values()));
  }

  List<TableId> members(String target) {
    return all.stream().filter(t -> targetOf.get(t).equals(target)).toList();
  }

  boolean identifying(String target) {
    return identifying.getOrDefault(target, true);
  }

  /** Shard number {@code key} names, when keys name shards; else -1. */
  TableId ownerOfKey(String target, long key) {
    for (TableId t : members(target)) {
      if (shardOf.get(t) == Math.floorMod(key, 16)) {
        return t;
      }
    }
    return null;
  }

  boolean selected(TableId t) {
    return selection.selected(t);
  }

  boolean everSelected(TableId t) {
    return selection.everSelected(t);
  }

  // ---------------------------------------------------------------- source changes

  private SimulatedSource randomSource() {
    return sources.get(rnd.nextInt(sources.size()));
  }

  void transaction() {
    randomSource().transaction();
  }

  void truncate() {
    randomSource().truncate();
  }

  /** A column added or dropped; not at a table {@code resyncing} in a non-identifying target (see above). */
  void alter(java.util.function.Predicate<TableId> resyncing) {
    randomSource().alter(t -> !UPSERT_RESYNC_ALTER && merge() && !identifying(targetOf.get(t)) && resyncing.test(t));
  }

  TableId randomTable() {
    return all.get(rnd.nextInt(all.size()));
  }

  /** A random table, drawn from {@code r} (the wider dimensions' stream: in mirror mode a table of the one source). */
  TableId randomTable(Random r) {
    return all.get(r.nextInt(all.size()));
  }

  /**
   * Whether an operator command may run on a table in {@code phase}: a sync of a merge shard whose rows the
   * extended fields do not tell apart upserts without deleting, so rows deleted while the table was not captured
   * (paused, stopped) would stay, as documented; the simulator then only re-syncs streaming tables. A re-sync of a
   * syncing table drops the staging area, and with it the deletes staged meanwhile, so they stay too (when allowed:
   * two rows deleted during a re-sync came back after a second re-sync's upsert merge).
   */
  boolean commandAllowed(TableId t, io.tributary.sync.TablePhase phase, WorkItem.Command.Op op) {
    if (identifying(targetOf.get(t))) {
      return true;
    }
    return op == WorkItem.Command.Op.RESYNC && phase == io.tributary.sync.TablePhase.STREAMING;
  }

  // ---------------------------------------------------------------- between runs (SimulatedSelection)

  /** What a restart changes: nothing, a table added, a table removed, or the checkpoint dropped (offline). */
  enum Change { NONE, ADDED, REMOVED, OFFLINE }

  /** Draws the change the next run sees (see {@link SimulatedSelection#nextRun}). */
  Change nextRun(Checkpoint saved, Consumer<TableId> table) {
    return selection.nextRun(saved, table);
  }

  /** {@code c} with this run's selection (the excluded tables). */
  PipelineConfig withSelection(PipelineConfig c) {
    return SimConfig.excluding(c, selection.excluded());
  }
}
