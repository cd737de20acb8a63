package io.tributary.sync.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.spi.WriterContext;
import org.junit.jupiter.api.Test;

/**
 * Dropping the staging area of a target that does not exist is a no-op, as {@code ChangeWriter#dropStaging} says
 * (found by the decider simulation, seed 5001394: a table stopped because its target was refused at creation, then
 * re-synced; the re-sync's cancellation drops its staging, and the commit failed the run).
 */
class MemoryWriterDropStagingTest {

  @Test
  void droppingTheStagingOfAMissingTarget_commits() {
    MemoryWarehouse warehouse = new MemoryWarehouse();
    MemoryWriter writer = new MemoryWriter(warehouse);
    writer.open(new WriterContext("p", 0, null));

    writer.dropStaging("never_created", "staging");
    writer.commit(1, writer.prepareCommit(1));

    assertThat(warehouse.schema("never_created")).isEmpty();
  }
}
