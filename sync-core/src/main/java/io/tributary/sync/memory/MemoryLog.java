package io.tributary.sync.memory;

import io.tributary.sync.PositionUnavailableException;
import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.TransactionEnd;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The change log of a {@link MemoryDatabase}: totally ordered entries (entry {@code i}, from 0, has sequence number
 * {@code i + 1}), the transaction being written, purging, and read failures injected by tests. It shares the
 * database's lock, so a statement and its log entry are one atomic step: the database appends while holding it,
 * and readers ({@link MemorySource}) take it.
 */
final class MemoryLog {

  private final ReentrantLock lock;
  private final Condition appended;
  private final Clock clock;
  private final List<ChangeEvent> entries = new ArrayList<>();
  private long purgedBefore;
  /** Nesting depth of {@link #transaction}: entries logged while above 0 belong to one transaction. */
  private int transactionDepth;
  private RuntimeException pendingFailure;

  MemoryLog(ReentrantLock lock, Clock clock) {
    this.lock = lock;
    this.appended = lock.newCondition();
    this.clock = clock;
  }

  // ---------------------------------------------------------------- writing (the caller holds the lock)

  /** The sequence number of the entry about to be logged. */
  long nextSeq() {
    return entries.size() + 1L;
  }

  /** The position after the entry about to be logged. */
  MemoryPosition nextPosition() {
    return new MemoryPosition(entries.size() + 1L, transactionDepth > 0);
  }

  long now() {
    return clock.millis();
  }

  void append(ChangeEvent event) {
    entries.add(event);
    appended.signalAll();
  }

  /** See {@link MemoryDatabase#transaction}. */
  void transaction(Runnable body) {
    lock.lock();
    try {
      int logged = entries.size();
      transactionDepth++;
      try {
        body.run();
      } finally {
        transactionDepth--;
        if (transactionDepth == 0 && entries.size() > logged) {
          append(new TransactionEnd(nextSeq(), new MemoryPosition(entries.size() + 1L), now()));
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** See {@link MemoryDatabase#purgeLogBefore}. */
  void purgeBefore(long seq) {
    lock.lock();
    try {
      for (long i = purgedBefore; i < Math.min(seq - 1, entries.size()); i++) {
        entries.set((int) i, null);
      }
      purgedBefore = Math.max(purgedBefore, Math.min(seq - 1, entries.size()));
    } finally {
      lock.unlock();
    }
  }

  /** See {@link MemoryDatabase#failNextLogRead}. */
  void failNextRead(RuntimeException failure) {
    lock.lock();
    try {
      pendingFailure = failure;
      appended.signalAll();
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- reading

  /** Sequence number of the last entry (0 when the log is empty). */
  long lastSeq() {
    lock.lock();
    try {
      return entries.size();
    } finally {
      lock.unlock();
    }
  }

  /** Copies up to {@code max} entries from {@code from}, waiting up to {@code timeoutNanos} for the first one. */
  List<ChangeEvent> read(long from, int max, long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      long remaining = timeoutNanos;
      while (from >= entries.size() && pendingFailure == null && remaining > 0) {
        remaining = appended.awaitNanos(remaining);
      }
      if (pendingFailure != null) {
        RuntimeException failure = pendingFailure;
        pendingFailure = null;
        throw failure;
      }
      if (from < purgedBefore) {
        throw new PositionUnavailableException("memory log position " + from
            + " was purged; the oldest available is " + purgedBefore + ": restart from a newer position and"
            + " re-sync the affected tables", null);
      }
      int end = (int) Math.min(entries.size(), from + max);
      return new ArrayList<>(entries.subList((int) from, end));
    } finally {
      lock.unlock();
    }
  }

  long size() {
    return entries.size();
  }

  long firstAvailableIndex() {
    return purgedBefore;
  }

  /** Index of the first entry committed at or after {@code epochMillis}. */
  long indexAt(long epochMillis) {
    lock.lock();
    try {
      for (int i = (int) purgedBefore; i < entries.size(); i++) {
        if (entries.get(i).commitTimeMillis() >= epochMillis) {
          return i;
        }
      }
      return entries.size();
    } finally {
      lock.unlock();
    }
  }
}
