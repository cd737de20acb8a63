package io.tributary.paimon.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.sync.SyncException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

  final Retry retry = new Retry("p", 3, Duration.ofMillis(1));

  @Test
  void transientStorageFailure_retriedUntilSuccess() {
    AtomicInteger calls = new AtomicInteger();
    String result = retry.call("commit", () -> {
      if (calls.incrementAndGet() < 3) {
        throw new UncheckedIOException(new IOException("connection reset"));
      }
      return "ok";
    });
    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
  }

  @Test
  void persistentStorageFailure_surfacesAsRetriableAfterAllAttempts() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> retry.call("commit checkpoint 7", () -> {
      calls.incrementAndGet();
      throw new IOException("bucket unreachable");
    })).isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.isRetriable()).isTrue())
        .hasMessageContaining("[p] commit checkpoint 7 failed 3 times").hasMessageContaining("bucket unreachable");
    assertThat(calls).hasValue(3);
  }

  @Test
  void nonStorageFailure_fatalAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> retry.call("commit", () -> {
      calls.incrementAndGet();
      throw new IllegalStateException("schema mismatch");
    })).isInstanceOfSatisfying(SyncException.class, e -> assertThat(e.isRetriable()).isFalse());
    assertThat(calls).hasValue(1);
  }

  @Test
  void interruptedWhileBackingOff_keepsInterruptFlag() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> new Retry("p", 3, Duration.ofSeconds(10)).call("x", () -> {
        throw new IOException("io");
      })).isInstanceOf(SyncException.class).hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
