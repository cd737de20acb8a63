package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sync.VerifyReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.paimon.catalog.Catalog;

/**
 * Damage done to an {@code orders}-shaped Paimon table behind the pipeline's back, for verify tests: rows deleted,
 * rows altered and a stray row (a copy under key {@code stray}); and the check that a verify reports exactly it.
 */
record PaimonDamage(List<Long> deletes, List<Long> alters, long stray) {

  /**
   * Three deletes and three alters among {@code live} keys, drawn alternately (a key drawn twice is damaged once),
   * then a stray key in {@code [strayFrom, strayFrom + 1000)}: six draws from {@code random} and a seventh.
   */
  static PaimonDamage pick(Random random, List<Long> live, long strayFrom) {
    Set<Long> damaged = new HashSet<>();
    List<Long> deletes = new ArrayList<>();
    List<Long> alters = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long k = live.get(random.nextInt(live.size()));
      if (damaged.add(k)) {
        deletes.add(k);
      }
      k = live.get(random.nextInt(live.size()));
      if (damaged.add(k)) {
        alters.add(k);
      }
    }
    return new PaimonDamage(deletes, alters, strayFrom + random.nextInt(1000));
  }

  /** Every damaged key. */
  Set<Long> keys() {
    Set<Long> keys = new HashSet<>(deletes);
    keys.addAll(alters);
    keys.add(stray);
    return keys;
  }

  /** Damages table {@code target} (of shard {@code database}, or all rows when null) of the catalog's {@code lake}. */
  void apply(Catalog catalog, String target, String database) throws Exception {
    PaimonTamper.tamper(catalog, target, database, deletes, alters, stray);
  }

  /** Every damaged key lies in a reported chunk, and every reported chunk holds damaged keys, as many as it says. */
  static void assertExactly(List<VerifyReport.ChunkMismatch> mismatches, Set<Long> damaged, String as) {
    List<Long> covered = new ArrayList<>();
    for (VerifyReport.ChunkMismatch m : mismatches) {
      List<Long> inside = damaged.stream().filter(k -> contains(m, k)).toList();
      assertThat(inside).as("%s: chunk %s holds no damaged key of %s", as, m, damaged).isNotEmpty();
      assertThat(m.differingKeys()).as("%s: %s", as, m).isEqualTo(inside.size());
      covered.addAll(inside);
    }
    assertThat(covered).as("%s: damaged keys in reported chunks %s", as, mismatches)
        .containsExactlyInAnyOrderElementsOf(damaged);
  }

  /** Whether the chunk's key range holds {@code key}. */
  static boolean contains(VerifyReport.ChunkMismatch m, long key) {
    return (m.lowerInclusive() == null || ((Number) m.lowerInclusive().get(0)).longValue() <= key)
        && (m.upperExclusive() == null || key < ((Number) m.upperExclusive().get(0)).longValue());
  }
}
