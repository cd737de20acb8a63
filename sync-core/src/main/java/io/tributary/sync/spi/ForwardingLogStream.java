package io.tributary.sync.spi;

import io.tributary.sync.event.ChangeEvent;
import io.tributary.sync.event.SourcePosition;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A {@link LogStream} that forwards every call, default methods included, to another: extend it and override only
 * what a decorator changes (watching or measuring the events a poll returns, cutting polls in tests), the companion
 * of {@link ForwardingChangeSource} for the streams it opens.
 */
public abstract class ForwardingLogStream implements LogStream {

  private final LogStream delegate;

  protected ForwardingLogStream(LogStream delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  protected LogStream delegate() {
    return delegate;
  }

  @Override
  public SourcePosition startPosition() {
    return delegate.startPosition();
  }

  @Override
  public List<ChangeEvent> poll(Duration timeout) throws InterruptedException {
    return delegate.poll(timeout);
  }

  @Override
  public void acknowledge(SourcePosition position) {
    delegate.acknowledge(position);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
