package io.tributary.benchmarks.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's harness, run once on a small log: every generated change reaches the writer, in both modes. */
class EngineHotPathHarnessTest {

  @Test
  void everyChangeReachesTheWriter_inBothModes() throws Exception {
    for (String mode : new String[] {"MIRROR", "MERGE"}) {
      EngineHotPathBenchmark bench = new EngineHotPathBenchmark();
      bench.mode = mode;
      bench.generate(20_000);
      bench.build();
      long checksum = bench.pipeline();
      bench.close();
      assertThat(checksum).as(mode).isPositive();
      assertThat(bench.rowsWritten()).as(mode).isEqualTo(20_000);
    }
  }
}
