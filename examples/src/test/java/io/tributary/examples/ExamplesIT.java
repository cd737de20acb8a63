package io.tributary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
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
  void noThreadsLeft() throws InterruptedException {
    List<String> left = List.of();
    for (int i = 0; i < 100; i++) { // executors wind down asynchronously: give them up to 10 s
      left = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
          .filter(t -> !t.isDaemon()).map(Thread::getName).sorted().collect(Collectors.toList());
      if (left.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(left).as("non-daemon threads the example left running").isEmpty();
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
