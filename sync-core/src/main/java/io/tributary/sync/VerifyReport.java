package io.tributary.sync;

import io.tributary.sync.event.Row;
import io.tributary.sync.event.TableId;
import java.util.List;

/**
 * The outcome of {@link SyncPipeline#verify}: the table compared chunk by chunk (key ranges), source against target.
 *
 * @param table          the source table
 * @param chunksTotal    key ranges compared in all (those of an earlier, resumed run included)
 * @param sourceRows     source rows compared (by this run)
 * @param targetRows     target rows compared (by this run)
 * @param mismatches     the chunks whose rows differ, in key order
 * @param repaired       whether a repair ran (the options asked for it and there was a mismatch)
 * @param remaining      after a repair, the repaired chunks that still differ when compared again (else empty)
 * @param resumed        whether this run continued an unfinished one
 * @param unsettledKeys  keys that differed in every comparison but were changed by the log each time, so could not
 *                       be judged (a key written continuously); not mismatches: verify again when writes are quieter
 */
public record VerifyReport(TableId table, int chunksTotal, long sourceRows, long targetRows,
    List<ChunkMismatch> mismatches, boolean repaired, List<ChunkMismatch> remaining, boolean resumed,
    long unsettledKeys) {

  public VerifyReport {
    mismatches = List.copyOf(mismatches);
    remaining = List.copyOf(remaining);
  }

  /** Whether the target equals the source now: no mismatch, or every one repaired. */
  public boolean clean() {
    return repaired ? remaining.isEmpty() : mismatches.isEmpty();
  }

  /**
   * One key range whose source and target rows differ after the rechecks.
   *
   * @param index          the chunk's number in the verification, from 0
   * @param lowerInclusive the range's lower key bound (key values in key order), null for none
   * @param upperExclusive its upper bound, null for none
   * @param sourceRows     source rows in the range (last comparison)
   * @param targetRows     target rows in the range
   * @param sourceHash     order-independent hash of the source rows (mapped to the target's layout)
   * @param targetHash     the same of the target rows
   * @param differingKeys  how many keys differed in every comparison
   * @param sampleKeys     up to 10 of those keys (key values in the target's key order)
   */
  public record ChunkMismatch(int index, Row lowerInclusive, Row upperExclusive, long sourceRows, long targetRows,
      long sourceHash, long targetHash, int differingKeys, List<Row> sampleKeys) {

    public ChunkMismatch {
      sampleKeys = List.copyOf(sampleKeys);
    }

    @Override
    public String toString() {
      return "#" + index + "[" + (lowerInclusive == null ? "-inf" : lowerInclusive) + ", "
          + (upperExclusive == null ? "+inf" : upperExclusive) + "): " + sourceRows + " source rows, " + targetRows
          + " target rows, " + differingKeys + " keys differ " + sampleKeys;
    }
  }
}
