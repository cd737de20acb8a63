import java.io.File;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import shark.HeapGraph;
import shark.HeapObject;
import shark.HprofHeapGraph;
import shark.HprofIndex;
import shark.internal.ObjectDominators;

/**
 * What holds a heap dump's memory: the dominator tree of a {@code .hprof} (as the suite writes with
 * {@code -Dtributary.bench.peakHeapDumps=DIR}), with chains of one class collapsed (a linked list's nodes) and
 * siblings of one class summed (a queue's elements). Not part of the build; it needs LeakCanary's Shark:
 *
 * <pre>
 * mvn dependency:get -Dartifact=com.squareup.leakcanary:shark:2.14
 * mvn dependency:build-classpath -f benchmarks/tools/shark-pom.xml -Dmdep.outputFile=/tmp/shark.cp
 * java -Xmx6g -cp $(cat /tmp/shark.cp) benchmarks/tools/HeapDominators.java DIR/phase-2.hprof 1000000 14
 * </pre>
 *
 * Arguments: the dump, the smallest retained size printed (bytes), the deepest level printed. Shark computes
 * dominators for its leak traces; its tree is the one its {@code ObjectDominators} renders, reached by reflection.
 */
public class HeapDominators {
  private static Map<Long, Object> tree;
  private static HeapGraph graph;
  private static Method retained;
  private static Method dominated;
  private static long min;
  private static int maxDepth;

  public static void main(String[] args) throws Exception {
    graph = HprofHeapGraph.Companion.openHeapGraph(new File(args[0]), null,
        HprofIndex.Companion.defaultIndexedGcRootTags());
    min = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    maxDepth = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    Method build = ObjectDominators.class.getDeclaredMethod("buildDominatorTree", HeapGraph.class, List.class);
    build.setAccessible(true);
    @SuppressWarnings("unchecked")
    Map<Long, Object> t = (Map<Long, Object>) build.invoke(new ObjectDominators(), graph, List.of());
    tree = t;
    Class<?> node = Class.forName("shark.internal.ObjectDominators$DominatorNode");
    retained = node.getMethod("getRetainedSize");
    dominated = node.getMethod("getDominatedObjectIds");
    System.out.println("total " + mb(retained(0L)));
    print(List.of(0L), "", 0, "ROOT");
  }

  private static long retained(long id) throws Exception {
    return ((Number) retained.invoke(tree.get(id))).longValue();
  }

  @SuppressWarnings("unchecked")
  private static List<Long> dominated(long id) throws Exception {
    return (List<Long>) dominated.invoke(tree.get(id));
  }

  private static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1048576.0);
  }

  private static String name(long id) {
    HeapObject o = graph.findObjectById(id);
    if (o instanceof HeapObject.HeapClass c) {
      return "class " + c.getName();
    }
    if (o instanceof HeapObject.HeapInstance i) {
      String n = i.getInstanceClassName();
      if (n.equals("java.lang.Thread")) {
        var field = i.get("java.lang.Thread", "name");
        String thread = field == null ? null : field.getValue().readAsJavaString();
        return n + "[" + thread + "]";
      }
      return n;
    }
    if (o instanceof HeapObject.HeapObjectArray a) {
      return a.getArrayClassName();
    }
    if (o instanceof HeapObject.HeapPrimitiveArray p) {
      return p.getArrayClassName() + "(" + p.getByteSize() + "B)";
    }
    return "?";
  }

  private static String className(long id) {
    String n = name(id); // a thread keeps its name: each thread is a group of its own
    int size = n.indexOf('(');
    return size > 0 ? n.substring(0, size) : n;
  }

  /** Prints a group of same-class objects, then their children grouped by class, largest first. */
  private static void print(List<Long> group, String indent, int depth, String label) throws Exception {
    List<Long> children = new ArrayList<>();
    Deque<Long> work = new ArrayDeque<>(group);
    Set<Long> members = new HashSet<>();
    while (!work.isEmpty()) {
      long id = work.poll();
      if (!members.add(id)) {
        continue;
      }
      for (long child : dominated(id)) {
        if (depth > 0 && className(child).equals(label)) {
          work.add(child); // a chain of one class (a linked list's nodes) collapses into its head
        } else {
          children.add(child);
        }
      }
    }
    long total = 0;
    for (long id : group) {
      total += retained(id);
    }
    System.out.println(indent + (group.size() > 1 ? group.size() + "× " : "") + label + "  " + mb(total)
        + (members.size() > group.size() ? "  (chain of " + members.size() + ")" : ""));
    if (depth >= maxDepth) {
      return;
    }
    Map<String, List<Long>> byClass = new LinkedHashMap<>();
    for (long child : children) {
      byClass.computeIfAbsent(className(child), k -> new ArrayList<>()).add(child);
    }
    Map<String, Long> sizes = new HashMap<>();
    for (var e : byClass.entrySet()) {
      long s = 0;
      for (long id : e.getValue()) {
        s += retained(id);
      }
      sizes.put(e.getKey(), s);
    }
    List<Map.Entry<String, List<Long>>> ordered = new ArrayList<>(byClass.entrySet());
    ordered.sort((a, b) -> Long.compare(sizes.get(b.getKey()), sizes.get(a.getKey())));
    for (var e : ordered) {
      if (sizes.get(e.getKey()) < min) {
        break;
      }
      List<Long> ids = e.getValue();
      print(ids, indent + "  ", depth + 1, ids.size() == 1 ? name(ids.get(0)) : e.getKey());
    }
  }
}
