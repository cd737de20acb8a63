package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Runs each runnable example's {@code main} in this JVM, one after another; each example checks its own outcome and
 * throws when it is wrong. Afterwards no thread the example started may still be running (servers and pipelines
 * closed). {@code Quickstart} is left to the README's command.
 */
class ExamplesIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private Set<Thread> before;

  @BeforeEach
  void threadsBefore() {
    before = Thread.getAllStackTraces().keySet();
  }

  @AfterEach
  void noThreadsLeft() {
    // executors wind down asynchronously: wait for them (generously, on a loaded machine), then name any left
    // (polled in this thread: a poller thread of Awaitility's own would count as one left running)
    await().pollInSameThread().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet().stream()
            .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon()).map(Thread::getName).sorted()
            .collect(Collectors.toList())).as("non-daemon threads the example left running").isEmpty());
  }

  @Test
  void inMemoryQuickstart() {
    run(() -> InMemoryQuickstart.main(new String[0]));
  }

  @Test
  void mySqlMirror() {
    run(() -> MySqlMirrorExample.main(new String[0]));
  }

  @Test
  void mySqlShardedMerge() {
    run(() -> MySqlShardedMergeExample.main(new String[0]));
  }

  @Test
  void operations() {
    run(() -> OperationsExample.main(new String[0]));
  }

  @Test
  void alerts() {
    run(() -> AlertsExample.main(new String[0]));
  }

  private static void run(Executable example) {
    assertTimeoutPreemptively(TIMEOUT, example);
  }
}
