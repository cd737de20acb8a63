package io.tributary.paimon.internal;

import java.util.ArrayDeque;
import java.util.List;
import org.apache.paimon.memory.MemorySegment;
import org.apache.paimon.memory.MemorySegmentPool;

/**
 * The write buffers' shared page pool: the same budget as Paimon's {@code HeapMemorySegmentPool} (at most
 * {@code maxBytes} of pages handed out at once), but pages handed back beyond a small reserve go to the garbage
 * collector instead of staying in the pool. Paimon's pool keeps every page it ever allocated until the writer closes,
 * so a pipeline's heap stays at its busiest moment's buffer for good: in heap dumps of a 4M-row full sync, 25–43 MB
 * of idle pages (of a 256 MB budget) outlived the fill's last flush, and a burst that once filled the budget would
 * keep all 256 MB. A page is a 64 KiB array: allocating it again on the next flush costs microseconds.
 */
final class ReleasingSegmentPool implements MemorySegmentPool {

  /** Pages kept for reuse when handed back (2 MiB of 64 KiB pages): enough for a small table's steady flushes. */
  static final int RESERVE_PAGES = 32;

  private final int pageSize;
  private final int maxPages;
  private final ArrayDeque<MemorySegment> reserve = new ArrayDeque<>();
  private int handedOut;

  ReleasingSegmentPool(long maxBytes, int pageSize) {
    this.pageSize = pageSize;
    this.maxPages = (int) (maxBytes / pageSize);
  }

  @Override
  public int pageSize() {
    return pageSize;
  }

  /** A page, or null when the budget is handed out (the caller then flushes or spills a buffer). */
  @Override
  public synchronized MemorySegment nextSegment() {
    if (handedOut >= maxPages) {
      return null;
    }
    handedOut++;
    MemorySegment page = reserve.poll();
    return page != null ? page : MemorySegment.allocateHeapMemory(pageSize);
  }

  @Override
  public synchronized void returnAll(List<MemorySegment> memory) {
    handedOut -= memory.size();
    for (MemorySegment page : memory) {
      if (reserve.size() >= RESERVE_PAGES) {
        break;
      }
      reserve.add(page);
    }
  }

  /** Pages that can still be handed out (Paimon's pool counts the same: its budget less the pages in use). */
  @Override
  public synchronized int freePages() {
    return maxPages - handedOut;
  }

  /** Pages held idle for reuse (at most {@link #RESERVE_PAGES}). */
  synchronized int reservedPages() {
    return reserve.size();
  }
}
