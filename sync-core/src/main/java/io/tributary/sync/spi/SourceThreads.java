package io.tributary.sync.spi;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * For a {@link ChangeSource} or {@link ChangeWriter} implementation: the threads it starts, made by the factory its
 * pipeline hands over ({@link ChangeSource#useThreadFactory}, {@link ChangeWriter#useThreadFactory}); before that,
 * as when a host calls {@code preflight} first, daemon threads named after the component. {@link #newThread(String,
 * Runnable)} names each thread after its role.
 *
 * <p>This object is itself a {@link ThreadFactory} that always asks the current factory, so a pool created before
 * the pipeline handed its factory over (HikariCP's {@code setThreadFactory}) still makes its later threads with it.
 */
public final class SourceThreads implements ThreadFactory {

  private final String source;
  private final AtomicInteger count = new AtomicInteger();
  private volatile ThreadFactory factory;

  public SourceThreads(String source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /** From {@link ChangeSource#useThreadFactory}. */
  public void use(ThreadFactory value) {
    factory = Objects.requireNonNull(value, "threadFactory");
  }

  /** A thread for {@code role} (e.g. "binlog"): the pipeline's name for it with the role appended. */
  public Thread newThread(String role, Runnable task) {
    Thread t = newThread(task);
    t.setName(t.getName() + "-" + role);
    return t;
  }

  @Override
  public Thread newThread(Runnable task) {
    ThreadFactory f = factory;
    if (f != null) {
      return f.newThread(task);
    }
    Thread t = new Thread(task, "tributary-" + source + "-" + count.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
