package io.tributary.benchmarks.e2e;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Measures one phase of this JVM: wall time (until the phase returns, or until it calls {@link #visible}), process
 * CPU time until it returns (all threads: ours, JIT, GC; a database server runs in its own process and is not
 * counted), peak heap used (sampled every 5 ms, garbage included) and peak heap live
 * after a collection. The latter counts after young collections too, when the old generation still holds garbage
 * promoted since the last old-generation cycle, so it grows with a phase's length; {@link #sampleLive} adds a
 * forced full collection every few milliseconds, after which the heap holds only what is reachable or waiting for
 * its finalizer ({@link Measurement#peakFullGcLiveBytes}), and then runs the pending finalizers and collects again,
 * after which it holds only what is reachable: the phase's true live peak ({@link Measurement#peakReachableBytes}),
 * at a cost in wall time. The two differ by objects with a finalizer, which one full collection cannot free:
 * Parquet's zstd codec opens a {@code ZstdOutputStream} (a finalizer class) per page, each keeping its file's 1 MiB
 * output buffer, so a Paimon phase that writes many files leaves 50-130 MiB of them after every full collection.
 */
final class Meter {

  /** What a phase did and cost. */
  record Measurement(long items, long wallNanos, long cpuNanos, long peakHeapBytes, long peakLiveBytes,
      long peakFullGcLiveBytes, long peakReachableBytes, long settleNanos) {
    double perSecond() {
      return items * 1e9 / wallNanos;
    }
  }

  @FunctionalInterface
  interface Phase {
    /** Runs the phase; returns how many rows or changes it handled. */
    long run() throws Exception;
  }

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final AtomicLong PEAK_USED = new AtomicLong();
  private static final AtomicLong PEAK_LIVE = new AtomicLong();
  private static final AtomicLong LAST_LIVE = new AtomicLong();
  private static final AtomicLong PEAK_FULL_GC_LIVE = new AtomicLong();
  private static final AtomicLong PEAK_REACHABLE = new AtomicLong();
  /** When the running phase's result became visible ({@link #visible}); 0: at its end. */
  private static volatile long visibleAt;
  /** Milliseconds between forced full collections during a phase; 0: none. */
  private static volatile long liveSampleMillis;

  static {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
          var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
          long live = heapAfterGc(info.getGcInfo());
          PEAK_LIVE.accumulateAndGet(live, Math::max);
          LAST_LIVE.set(live);
          if (info.getGcAction().contains("major")) { // a full collection: nothing unreachable is left
            PEAK_FULL_GC_LIVE.accumulateAndGet(live, Math::max);
          }
        }
      }, null, null);
    }
    Thread sampler = new Thread(() -> {
      while (true) {
        PEAK_USED.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private Meter() {
  }

  /** Heap in use right after the latest collection (0 before the first). */
  static long lastLiveBytes() {
    return LAST_LIVE.get();
  }

  /** The heap pools' usage after a collection (its info lists non-heap pools too: metaspace, code cache). */
  private static long heapAfterGc(com.sun.management.GcInfo info) {
    long heap = 0;
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        MemoryUsage u = info.getMemoryUsageAfterGc().get(pool.getName());
        heap += u == null ? 0 : u.getUsed();
      }
    }
    return heap;
  }

  /**
   * {@code System.gc()}, asked again while no collection happened: a thread inside a JNI critical section (Paimon's
   * native compression, in a Flink job still running) makes G1 skip it, and the heap read next would count up to a
   * gigabyte of garbage as live (seen in the Flink comparison: "live" 1,017 MiB where the GC log then showed a
   * GCLocker-initiated collection of 1023M->124M).
   */
  private static void collect() throws InterruptedException {
    for (int attempt = 0; attempt < 50; attempt++) {
      long before = collections();
      System.gc();
      if (collections() > before) {
        return;
      }
      Thread.sleep(10); // the critical section ends within milliseconds
    }
  }

  private static long collections() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  /** Forces a full collection every {@code millis} ms during each measured phase (0: never), for its true live peak. */
  static void sampleLive(long millis) {
    liveSampleMillis = millis;
  }

  /**
   * Called by a phase when its result is visible (a Paimon write's rows committed): its wall time ends here, while
   * its CPU goes on counting what it still does after (the compaction its writes caused, {@link Compactions}) until
   * it returns; {@link Measurement#settleNanos} is that remainder.
   */
  static void visible() {
    visibleAt = System.nanoTime();
  }

  static Measurement measure(Phase phase) throws Exception {
    collect(); // start every phase from the same, collected heap
    PEAK_USED.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    PEAK_LIVE.set(0);
    PEAK_FULL_GC_LIVE.set(0);
    PEAK_REACHABLE.set(0);
    PHASES.incrementAndGet();
    Thread sampler = liveSampler();
    long cpu = OS.getProcessCpuTime();
    visibleAt = 0;
    long start = System.nanoTime();
    long items;
    try {
      items = phase.run();
    } finally {
      if (sampler != null) {
        sampler.interrupt();
        sampler.join();
      }
    }
    long end = System.nanoTime();
    long shown = visibleAt == 0 ? end : visibleAt;
    long wall = shown - start;
    long cpuNanos = OS.getProcessCpuTime() - cpu;
    long peakUsed = PEAK_USED.get();
    long fullBefore = fullCollections();
    collect(); // what the phase left live counts too (e.g. a leak)
    long left = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long live = Math.max(PEAK_LIVE.get(), left);
    // System.gc() may return without a full collection (the GC locker held by a JNI critical section, as in
    // compression): then the heap still holds garbage and is no live figure.
    long leftLive = fullCollections() > fullBefore ? left : 0;
    long leftReachable = sampler == null ? 0 : reachable();
    return new Measurement(items, wall, cpuNanos, peakUsed, live,
        sampler == null ? -1 : Math.max(PEAK_FULL_GC_LIVE.get(), leftLive),
        sampler == null ? -1 : Math.max(PEAK_REACHABLE.get(), leftReachable), end - shown);
  }

  /**
   * The heap used after a full collection, the pending finalizers and a second full collection: what is reachable
   * (0 when the GC locker made either collection skip, as then garbage would count).
   */
  private static long reachable() throws InterruptedException {
    long before = fullCollections();
    collect();
    System.runFinalization();
    collect();
    if (fullCollections() < before + 2) {
      return 0;
    }
    long after = heapAfterLastFullCollection();
    return after >= 0 ? after : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * The heap in use when the latest full collection ended, as the collector recorded it (-1 if it did not): reading
   * the heap's usage after {@code System.gc()} returns would also count what the phase's threads allocated since
   * (at ~60 MB/s during a full sync, megabytes when the sampling thread waits for a core).
   */
  private static long heapAfterLastFullCollection() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (isFull(gc) && gc instanceof com.sun.management.GarbageCollectorMXBean collector) {
        var info = collector.getLastGcInfo();
        return info == null ? -1 : heapAfterGc(info);
      }
    }
    return -1;
  }

  /** Full collections so far ({@link #isFull}). */
  private static long fullCollections() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (isFull(gc)) {
        n += gc.getCollectionCount();
      }
    }
    return n;
  }

  /** G1's "G1 Old Generation", the parallel and serial collectors' "MarkSweep": the full collections. */
  private static boolean isFull(GarbageCollectorMXBean gc) {
    return gc.getName().contains("Old") || gc.getName().contains("MarkSweep");
  }

  /** Phases measured so far, to name their histograms. */
  private static final AtomicLong PHASES = new AtomicLong();

  /**
   * With {@code -Dtributary.bench.peakHistograms=DIR}: the class histogram at the phase's newest reachable peak,
   * {@code DIR/phase-N.txt} (what held the heap; a live histogram collects once more, so use it for heap checks only).
   */
  private static void histogramOfPeak() {
    String dir = System.getProperty("tributary.bench.peakHistograms");
    if (dir == null) {
      return;
    }
    try {
      Object text = ManagementFactory.getPlatformMBeanServer().invoke(
          new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      java.nio.file.Files.writeString(java.nio.file.Path.of(dir, "phase-" + PHASES.get() + ".txt"),
          "reachable " + (PEAK_REACHABLE.get() >> 20) + " MiB\n" + text);
    } catch (Exception e) {
      System.err.println("no histogram: " + e);
    }
  }

  /**
   * With {@code -Dtributary.bench.peakHeapDumps=DIR}: a heap dump of what is reachable at the phase's newest peak,
   * {@code DIR/phase-N.hprof}, for a dominator analysis of what holds the heap (each new peak replaces the file).
   */
  private static void heapDumpOfPeak() {
    String dir = System.getProperty("tributary.bench.peakHeapDumps");
    if (dir == null) {
      return;
    }
    try {
      java.nio.file.Path file = java.nio.file.Path.of(dir, "phase-" + PHASES.get() + ".hprof");
      java.nio.file.Files.deleteIfExists(file);
      ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
          .dumpHeap(file.toString(), true);
    } catch (Exception e) {
      System.err.println("no heap dump: " + e);
    }
  }

  private static Thread liveSampler() {
    long millis = liveSampleMillis;
    if (millis <= 0) {
      return null;
    }
    Thread t = new Thread(() -> {
      try {
        while (true) {
          Thread.sleep(millis);
          long now = reachable();
          if (now > PEAK_REACHABLE.getAndAccumulate(now, Math::max)) {
            histogramOfPeak();
            heapDumpOfPeak();
          }
        }
      } catch (InterruptedException e) {
        // the phase ended
      }
    }, "live-sampler");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
