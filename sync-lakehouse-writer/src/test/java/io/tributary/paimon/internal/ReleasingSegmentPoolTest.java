package io.tributary.paimon.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.paimon.memory.HeapMemorySegmentPool;
import org.apache.paimon.memory.MemoryPoolFactory;
import org.apache.paimon.memory.MemorySegment;
import org.apache.paimon.memory.MemorySegmentPool;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The write buffers' pool keeps Paimon's budget but not the pages of its busiest moment: Paimon's own pool held every
 * page it ever allocated (25–43 MB idle after a 4M-row fill, up to the whole 256 MB budget after a burst).
 */
class ReleasingSegmentPoolTest {

  private static final int PAGE = 64 * 1024;

  private static List<MemorySegment> take(MemorySegmentPool pool, int pages) {
    List<MemorySegment> taken = new ArrayList<>();
    for (int i = 0; i < pages; i++) {
      MemorySegment page = pool.nextSegment();
      assertThat(page).as("page %d", i).isNotNull();
      assertThat(page.size()).isEqualTo(PAGE);
      taken.add(page);
    }
    return taken;
  }

  @Test
  void handsOutAtMostItsBudget_andCountsFreePagesAsPaimonsPoolDoes() {
    ReleasingSegmentPool pool = new ReleasingSegmentPool(100L * PAGE, PAGE);
    assertThat(pool.freePages()).isEqualTo(100);
    List<MemorySegment> all = take(pool, 100);
    assertThat(pool.freePages()).isZero();
    assertThat(pool.nextSegment()).isNull(); // the caller then flushes or spills a buffer
    pool.returnAll(all.subList(0, 10));
    assertThat(pool.freePages()).isEqualTo(10);
    assertThat(take(pool, 10)).hasSize(10);
    assertThat(pool.nextSegment()).isNull();
  }

  @Test
  void pagesHandedBack_beyondTheReserve_areNotKept() {
    ReleasingSegmentPool pool = new ReleasingSegmentPool(4096L * PAGE, PAGE);
    List<MemorySegment> burst = take(pool, 1000); // a 62.5 MiB burst
    pool.returnAll(burst);
    assertThat(pool.reservedPages()).isEqualTo(ReleasingSegmentPool.RESERVE_PAGES);
    assertThat(pool.freePages()).isEqualTo(4096);

    MemorySegment again = pool.nextSegment(); // the next flush reuses the reserve before allocating
    assertThat(burst).anySatisfy(page -> assertThat(page).isSameAs(again));
    assertThat(pool.reservedPages()).isEqualTo(ReleasingSegmentPool.RESERVE_PAGES - 1);
  }

  /** Paimon's factory sizes its owners' pools from the inner pool's free pages when it is created. */
  @Test
  void paimonsFactory_seesTheWholeBudget() {
    MemoryPoolFactory factory = new MemoryPoolFactory(new ReleasingSegmentPool(256L * 1024 * 1024, PAGE));
    assertThat(factory.totalBufferSize()).isEqualTo(256L * 1024 * 1024);
  }

  /**
   * After a burst, every page handed back beyond the reserve can be collected; Paimon's own pool keeps all of them
   * (the heap dumps' 25–43 MB of idle pages).
   */
  @Test
  void pagesOfABurst_canBeCollected_whereasPaimonsPoolKeepsThemAll() {
    ReleasingSegmentPool ours = new ReleasingSegmentPool(4096L * PAGE, PAGE);
    List<WeakReference<byte[]>> ourPages = burst(ours, 1000);
    Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
      System.gc();
      return collected(ourPages) == 1000 - ReleasingSegmentPool.RESERVE_PAGES;
    });

    HeapMemorySegmentPool paimons = new HeapMemorySegmentPool(4096L * PAGE, PAGE);
    List<WeakReference<byte[]>> theirPages = burst(paimons, 1000);
    System.gc(); // collections demonstrably clear such references (above); none of these pages is collectable
    assertThat(collected(theirPages)).isZero();
    Reference.reachabilityFence(ours);
    Reference.reachabilityFence(paimons);
  }

  /** Takes {@code pages} pages, hands them all back, and returns weak references to their arrays. */
  private static List<WeakReference<byte[]>> burst(MemorySegmentPool pool, int pages) {
    List<MemorySegment> taken = take(pool, pages);
    List<WeakReference<byte[]>> arrays = new ArrayList<>();
    for (MemorySegment page : taken) {
      arrays.add(new WeakReference<>(page.getArray()));
    }
    pool.returnAll(taken);
    taken.clear();
    return arrays;
  }

  private static long collected(List<WeakReference<byte[]>> pages) {
    return pages.stream().filter(r -> r.get() == null).count();
  }
}
