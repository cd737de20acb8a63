package io.tributary.benchmarks.e2e;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used between two readings: this JVM's (every thread: the engine, Paimon, the load driver's JDBC client, JIT,
 * GC; not the database server's process) and the whole machine's busy share from {@code /proc/stat} (what the
 * servers and any other work on the machine took), so a figure measured on a shared machine says how shared it was.
 */
final class CpuClock {

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** One reading. */
  record Reading(long wallNanos, long processCpuNanos, long machineBusyTicks, long machineTotalTicks) {

    /** Cores this JVM used on average since {@code earlier}. */
    double processCores(Reading earlier) {
      long wall = wallNanos - earlier.wallNanos;
      return wall <= 0 ? 0 : (processCpuNanos - earlier.processCpuNanos) / (double) wall;
    }

    /** Cores the whole machine was busy on average since {@code earlier}; NaN where /proc/stat is missing. */
    double machineCores(Reading earlier) {
      long total = machineTotalTicks - earlier.machineTotalTicks;
      return total <= 0 ? Double.NaN : Runtime.getRuntime().availableProcessors()
          * (machineBusyTicks - earlier.machineBusyTicks) / (double) total;
    }
  }

  private CpuClock() {
  }

  static Reading now() {
    long busy = 0;
    long total = 0;
    try {
      // cpu  user nice system idle iowait irq softirq steal ...
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        long v = Long.parseLong(f[i]);
        total += v;
        if (i != 4 && i != 5) {
          busy += v;
        }
      }
    } catch (IOException | RuntimeException e) {
      busy = 0;
      total = 0;
    }
    return new Reading(System.nanoTime(), OS.getProcessCpuTime(), busy, total);
  }
}
